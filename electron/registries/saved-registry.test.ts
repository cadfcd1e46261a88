import { describe, expect, it } from 'vitest';
import { SavedRegistry } from './saved-registry';

const base = { id: 'r1', name: 'R', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false };

describe('SavedRegistry', () => {
  it('keeps a remote registry to scheme://host[:port] and a host without a slash', () => {
    expect(SavedRegistry.safeParse({ ...base, kind: 'generic', url: 'https://ghcr.io', host: 'ghcr.io' }).success).toBe(true);
    expect(SavedRegistry.safeParse({ ...base, kind: 'generic', url: 'https://ghcr.io/path', host: 'ghcr.io' }).success).toBe(false);
    expect(SavedRegistry.safeParse({ ...base, kind: 'generic', url: 'file:///tmp/x', host: '/tmp/x' }).success).toBe(false);
    expect(SavedRegistry.safeParse({ ...base, kind: 'local', url: 'http://127.0.0.1:5000', host: '127.0.0.1/5000' }).success).toBe(false);
  });

  it('addresses an opened layout or archive by its absolute path and that path’s file: URL', () => {
    expect(SavedRegistry.safeParse({ ...base, kind: 'oci-layout', url: 'file:///home/me/app-layout', host: '/home/me/app-layout' }).success).toBe(true);
    expect(SavedRegistry.safeParse({ ...base, kind: 'oci-archive', url: 'file:///home/me/My%20app.tar', host: '/home/me/My app.tar' }).success).toBe(true);
    expect(SavedRegistry.safeParse({ ...base, kind: 'oci-archive', url: 'https://ghcr.io', host: 'ghcr.io' }).success).toBe(false);
    expect(SavedRegistry.safeParse({ ...base, kind: 'oci-layout', url: 'file:///x', host: 'relative/dir' }).success).toBe(false);
  });
});
