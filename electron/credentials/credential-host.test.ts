import { describe, expect, it } from 'vitest';
import { credentialHost, credentialKeysFor, sameCredentialHost } from './credential-host';

describe('credentialHost', () => {
  it('folds every Docker Hub name into registry-1.docker.io', () => {
    for (const key of ['https://index.docker.io/v1/', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://registry.hub.docker.com']) {
      expect(credentialHost(key)).toBe('registry-1.docker.io');
    }
  });

  it('keeps ports, drops scheme and path, lowercases', () => {
    expect(credentialHost('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(credentialHost('GHCR.io')).toBe('ghcr.io');
  });

  it('refuses keys with userinfo, empty or unparsable keys', () => {
    expect(credentialHost('https://u:p@example.com')).toBeUndefined();
    expect(credentialHost('')).toBeUndefined();
    expect(credentialHost('http://[bad')).toBeUndefined();
  });

  it('lists the Docker config keys for Docker Hub, the v1 URL first', () => {
    expect(credentialKeysFor('registry-1.docker.io')[0]).toBe('https://index.docker.io/v1/');
    expect(sameCredentialHost('docker.io', 'https://index.docker.io/v1/')).toBe(true);
    expect(sameCredentialHost('ghcr.io', 'quay.io')).toBe(false);
  });
});
