import { describe, expect, it } from 'vitest';
import { classifyDescriptor } from './classify-descriptor';
import * as f from './fixtures';

describe('classifyDescriptor', () => {
  it('reads referrers-API entries by their artifactType', () => {
    const entry = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: f.d.notationEnvelope, size: 728, artifactType: 'application/vnd.cncf.notary.signature' };
    expect(classifyDescriptor(entry)).toEqual({ kind: 'signature', subKind: 'notation', mediaType: 'application/vnd.cncf.notary.signature' });
    expect(classifyDescriptor({ ...entry, artifactType: 'application/spdx+json' })).toEqual({ kind: 'sbom', subKind: 'spdx', mediaType: 'application/spdx+json' });
    expect(classifyDescriptor({ ...entry, artifactType: 'application/vnd.example.thing.v1' })).toEqual({ kind: 'other', mediaType: 'application/vnd.example.thing.v1' });
  });

  it('reads a buildx attestation entry as an attestation', () => {
    expect(classifyDescriptor(f.buildxIndex.manifests[2]).kind).toBe('attestation');
  });

  it('falls back to the entry’s media type', () => {
    expect(classifyDescriptor(f.buildxIndex.manifests[0]).kind).toBe('image');
    expect(classifyDescriptor({ mediaType: 'application/vnd.oci.image.index.v1+json' }).kind).toBe('image-index');
    expect(classifyDescriptor({ mediaType: 'text/plain' })).toEqual({ kind: 'other', mediaType: 'text/plain' });
  });

  it('calls garbage unreadable', () => {
    expect(classifyDescriptor('x').kind).toBe('unreadable');
    expect(classifyDescriptor({ mediaType: '<b>' }).kind).toBe('unreadable');
  });
});
