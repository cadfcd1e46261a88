import { describe, expect, it } from 'vitest';
import { kindForHost, registryKinds, registryPresets } from './registry-presets';

describe('registry presets', () => {
  it('has a preset with a login hint for every kind', () => {
    for (const kind of registryKinds) {
      expect(registryPresets[kind].kind).toBe(kind);
      expect(registryPresets[kind].secretHint.length).toBeGreaterThan(10);
    }
  });

  it('fills Docker Hub and GHCR as the issue asks', () => {
    expect(registryPresets.dockerhub).toMatchObject({ host: 'registry-1.docker.io', credentialKey: 'https://index.docker.io/v1/', nameDepth: 2 });
    expect(registryPresets.dockerhub.secretHint).toContain('personal access token');
    expect(registryPresets.ghcr.secretHint).toContain('classic PAT with read:packages');
  });

  it.each([
    ['docker.io', 'dockerhub'],
    ['ghcr.io', 'ghcr'],
    ['myreg.azurecr.io', 'acr'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', 'ecr'],
    ['europe-west1-docker.pkg.dev', 'gar'],
    ['registry.gitlab.com', 'gitlab'],
    ['127.0.0.1:5000', 'local'],
    ['harbor.example.com', 'generic'],
  ])('guesses %s is %s', (host, kind) => {
    expect(kindForHost(host)).toBe(kind);
  });
});
