import { describe, expect, it } from 'vitest';
import { digestOf } from '../../oci';
import type { CachedManifest } from '../cache/manifest-cache';
import { createdOf, decodeFacts, factsOf, manifestTotalSize } from './digest-facts';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function cached(doc: unknown, contentType: string): CachedManifest {
  const bytes = Buffer.from(JSON.stringify(doc));
  return { digest: digestOf(bytes), contentType, bytes };
}

const layer = (n: number, mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip') => ({ mediaType, digest: digestOf(Buffer.from(`layer ${n}`)), size: 1000 * n });

function falcoPlugin(arch: string): CachedManifest {
  return cached(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.cncf.falco.plugin.config.v1+json', digest: digestOf(Buffer.from(`cfg ${arch}`)), size: 50 },
      layers: [layer(2, 'application/vnd.cncf.falco.plugin.layer.v1+tar.gz')],
    },
    OCI_MANIFEST,
  );
}

describe('factsOf', () => {
  it('sums manifest, config and layer sizes of an image and reads the created annotation', async () => {
    const image = cached(
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(Buffer.from('c')), size: 300 },
        layers: [layer(1), layer(2)],
        annotations: { 'org.opencontainers.image.created': '2024-05-01T12:00:00Z' },
      },
      OCI_MANIFEST,
    );
    const facts = await factsOf(image, () => Promise.reject(new Error('no children')));
    expect(facts).toEqual({ kind: 'image', mediaType: 'application/vnd.oci.image.config.v1+json', manifestMediaType: OCI_MANIFEST, size: image.bytes.length + 3300, created: '2024-05-01T12:00:00Z' });
  });

  it('refines an index by its first platform child (falcoctl plugin index) and sums every platform', async () => {
    const children = new Map([falcoPlugin('amd64'), falcoPlugin('arm64')].map((c) => [c.digest, c]));
    const [amd, arm] = [...children.values()];
    const index = cached(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          { mediaType: OCI_MANIFEST, digest: amd!.digest, size: amd!.bytes.length, platform: { os: 'linux', architecture: 'amd64' } },
          { mediaType: OCI_MANIFEST, digest: arm!.digest, size: arm!.bytes.length, platform: { os: 'linux', architecture: 'arm64' } },
        ],
      },
      OCI_INDEX,
    );
    const asked: string[] = [];
    const facts = await factsOf(index, async (digest) => {
      asked.push(digest);
      return children.get(digest)!;
    });
    expect(asked).toEqual([amd!.digest, arm!.digest]);
    expect(facts).toMatchObject({ kind: 'falco', subKind: 'falco-plugin', platforms: ['linux/amd64', 'linux/arm64'] });
    expect(facts.size).toBe(index.bytes.length + amd!.bytes.length + arm!.bytes.length + 2 * (50 + 2000));
  });

  it('gives an "unreadable" fact with the reason for a document that is not a manifest', async () => {
    const facts = await factsOf({ digest: digestOf(Buffer.from('x')), contentType: OCI_MANIFEST, bytes: Buffer.from('not json at all') }, () => Promise.reject(new Error('none')));
    expect(facts.kind).toBe('unreadable');
    expect(facts.problem).toMatch(/\S/);
  });

  it('refuses negative or unsafe sizes when summing', () => {
    expect(manifestTotalSize({ config: { size: -5 }, layers: [{ size: Number.MAX_SAFE_INTEGER + 2 }, { size: 10 }] }, 7)).toBe(17);
  });

  it('reads cached facts back, and treats anything odd as a miss', () => {
    expect(decodeFacts(Buffer.from(JSON.stringify({ kind: 'image', mediaType: 'x/y', manifestMediaType: 'x/y' })))?.kind).toBe('image');
    expect(decodeFacts(Buffer.from(JSON.stringify({ kind: 'rootkit', mediaType: 'x/y' })))).toBeUndefined();
    expect(decodeFacts(Buffer.from('{'))).toBeUndefined();
  });
});

describe('createdOf', () => {
  it('takes the created annotation only when it is an RFC 3339 timestamp', () => {
    expect(createdOf({ annotations: { 'org.opencontainers.image.created': '2024-05-01T12:00:00Z' } })).toBe('2024-05-01T12:00:00Z');
    expect(createdOf({ annotations: { 'org.opencontainers.image.created': 'May 1st' } })).toBeUndefined();
    expect(createdOf({ annotations: { 'org.opencontainers.image.created': '5' } })).toBeUndefined();
  });

  it('drops a cached date that is not RFC 3339 when reading facts back', () => {
    const facts = decodeFacts(Buffer.from(JSON.stringify({ kind: 'image', mediaType: 'm', manifestMediaType: 'm', created: 'yesterday' })));
    expect(facts).toEqual({ kind: 'image', mediaType: 'm', manifestMediaType: 'm' });
  });
});
