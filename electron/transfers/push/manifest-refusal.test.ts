import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../oci/errors';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../oci/manifests/media-types';
import type { ImageManifest } from '../../oci/manifests/manifest-types';
import { manifestRefusal } from './manifest-refusal';

const manifest: ImageManifest = {
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  artifactType: 'application/vnd.acme.x.v1',
  config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 },
  layers: [],
};
const refused = (status: number, errors: ConstructorParameters<typeof RegistryError>[3] = []) => new RegistryError('PUT', 'https://registry.gitlab.com/v2/g/p/manifests/v1', status, errors);

describe('manifestRefusal', () => {
  it('GitLab\'s allow-list answer names its reason and both types sent', () => {
    const error = manifestRefusal(refused(400, [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: 'unknown media type: application/vnd.acme.x.v1' }]), manifest, 300, 'registry.gitlab.com');
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).toMatch(/^registry\.gitlab\.com does not accept this kind of artifact: manifest invalid: unknown media type: application\/vnd\.acme\.x\.v1 \(sent: artifact type application\/vnd\.acme\.x\.v1, config media type application\/vnd\.oci\.empty\.v1\+json\)\. Publish it as another kind/);
  });

  it('a MANIFEST_INVALID for another reason is left to the general mapping', () => {
    expect(manifestRefusal(refused(400, [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: 'missing layer' }]), manifest, 300, 'h')).toBeUndefined();
    expect(manifestRefusal(refused(401), manifest, 300, 'h')).toBeUndefined();
    expect(manifestRefusal(new Error('x'), manifest, 300, 'h')).toBeUndefined();
  });

  it('the registry\'s words are bounded and stripped of control characters; a detail object is ignored', () => {
    const long = `unknown media type: ${'a'.repeat(500)}\u001b[31m`;
    const message = manifestRefusal(refused(415, [{ code: 'UNSUPPORTED', message: 'bad\nline', detail: long }, { code: 'X', message: 'm', detail: { nested: true } }]), manifest, 300, 'h')?.message ?? '';
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message).toContain('bad line: unknown media type: aaa');
    expect(message).toContain('…');
    expect(message.length).toBeLessThan(600);
  });

  it('413 names the manifest size', () => {
    expect(manifestRefusal(refused(413), manifest, 1_234_567, 'h')?.message).toMatch(/^h refused the manifest as too large \(1,234,567 bytes, HTTP 413\)\./);
  });
});
