import { describe, expect, it, vi } from 'vitest';
import type { RegistryView } from '../../../shared/contract';

// The bridge is the one thing that cannot run here: these tests stand in for it (mock bridge).
vi.mock('../lib/api', () => ({
  call: vi.fn(() => Promise.resolve(null)),
  on: vi.fn(() => () => undefined),
  onReconnect: vi.fn(() => () => undefined),
  messageOf: (error: unknown) => (error instanceof Error ? error.message : 'failed'),
}));

const { registries } = await import('./registries.svelte');
const { CopyDialogState } = await import('./copy.svelte');
const { targetInView } = await import('./publish-target');
const { catalog } = await import('./catalog.svelte');

const view = (id: string, kind: RegistryView['kind']): RegistryView => ({
  id,
  name: id,
  url: 'http://x',
  host: id,
  kind,
  insecure: false,
  accounts: [],
  pinnedRepositories: [],
  useDockerCredentials: false,
  status: { state: 'connected' },
});

describe('registries opened read-only take no publish and no copy (mock bridge)', () => {
  it('are left out of the writable list; a copy from one goes to the first writable registry by default; the publish target skips it', () => {
    registries.items = [view('local', 'local-store'), view('layout', 'oci-layout'), view('remote', 'generic')];
    expect(registries.writable.map((r) => r.id)).toEqual(['local', 'remote']);
    expect([registries.isWritable('layout'), registries.isWritable('remote'), registries.isWritable('unknown')]).toEqual([false, true, true]);

    const copy = new CopyDialogState();
    copy.openFor({ registryId: 'layout', repository: 'skopeo-layout', reference: 'multi' });
    expect(copy.registryId).toBe('local');
    copy.openFor({ registryId: 'remote', repository: 'team/app', reference: 'v1' });
    expect(copy.registryId).toBe('remote');
    copy.openFor({ registryId: 'remote', repository: 'team/app', reference: 'v1' }, { registryId: 'layout', repository: 'skopeo-layout' });
    expect([copy.registryId, copy.repository, copy.error]).toEqual(['local', 'team/app', 'layout was opened read-only: copy to Local or a registry instead.']);

    catalog.select('layout');
    expect(targetInView()).toEqual({ registryId: 'local' });
    catalog.select('remote');
    expect(targetInView()).toEqual({ registryId: 'remote' });
  });
});
