import { describe, expect, it } from 'vitest';
import { digestOf, type Descriptor } from '../../oci';
import type { CachedManifest } from '../cache/manifest-cache';
import type { ConfigDate } from './config-dates';
import { imageCreated } from './created-date';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';

function cached(doc: unknown, contentType: string): CachedManifest {
  const bytes = Buffer.from(JSON.stringify(doc));
  return { digest: digestOf(bytes), contentType, bytes };
}

function image(configName: string): CachedManifest {
  const config = { mediaType: OCI_CONFIG, digest: digestOf(Buffer.from(configName)), size: 100 };
  return cached({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digestOf(Buffer.from(`l ${configName}`)), size: 10 }] }, OCI_MANIFEST);
}

function index(children: CachedManifest[], attestation?: CachedManifest): CachedManifest {
  const manifests = children.map((c, i) => ({ mediaType: OCI_MANIFEST, digest: c.digest, size: c.bytes.length, platform: { os: 'linux', architecture: i === 0 ? 'amd64' : 'arm64' } }));
  if (attestation) {
    manifests.push({
      mediaType: OCI_MANIFEST,
      digest: attestation.digest,
      size: attestation.bytes.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': children[0]!.digest },
    } as (typeof manifests)[number]);
  }
  return cached({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }, OCI_INDEX);
}

/** Dates by config digest; records which configs were asked for (stands in for ConfigDates: a mock). */
function datesBy(byConfig: Record<string, ConfigDate>) {
  const asked: string[] = [];
  const dateOf = async (config: Descriptor): Promise<ConfigDate> => {
    asked.push(config.digest);
    return byConfig[config.digest] ?? { problem: 'unknown config' };
  };
  return { asked, dateOf };
}

const configDigest = (name: string) => digestOf(Buffer.from(name));

describe('imageCreated (mock config reader)', () => {
  it('takes a single image’s date from its config', async () => {
    const { asked, dateOf } = datesBy({ [configDigest('a')]: { created: '2024-05-01T12:00:00Z' } });
    expect(await imageCreated(image('a'), () => Promise.reject(new Error('no children')), dateOf)).toEqual({ created: '2024-05-01T12:00:00Z' });
    expect(asked).toEqual([configDigest('a')]);
  });

  it('takes the newest platform date of an index and never reads an attestation manifest', async () => {
    const amd = image('amd'),
      arm = image('arm'),
      att = image('attestation');
    const children = new Map([amd, arm, att].map((m) => [m.digest, m]));
    const { asked, dateOf } = datesBy({
      [configDigest('amd')]: { created: '2024-05-01T12:00:00Z' },
      [configDigest('arm')]: { created: '2024-05-01T13:30:00+01:00' },
      [configDigest('attestation')]: { created: '2030-01-01T00:00:00Z' },
    });
    const loaded: string[] = [];
    const load = async (digest: string) => (loaded.push(digest), children.get(digest)!);
    expect(await imageCreated(index([amd, arm], att), load, dateOf)).toEqual({ created: '2024-05-01T13:30:00+01:00' }); // 12:30 UTC
    expect(loaded.sort()).toEqual([amd.digest, arm.digest].sort());
    expect(asked.sort()).toEqual([configDigest('amd'), configDigest('arm')].sort());
  });

  it('keeps the date of the platforms that could be read, and says why when none could', async () => {
    const amd = image('amd'),
      arm = image('arm');
    const load = async (digest: string) => {
      if (digest === arm.digest) throw new Error('gone');
      return amd;
    };
    const dated = datesBy({ [configDigest('amd')]: { created: '2024-05-01T12:00:00Z' } });
    expect(await imageCreated(index([amd, arm]), load, dated.dateOf)).toEqual({ created: '2024-05-01T12:00:00Z' });
    const undated = datesBy({ [configDigest('amd')]: { problem: 'The image config’s date is not an RFC 3339 timestamp.' } });
    expect(await imageCreated(index([amd, arm]), load, undated.dateOf)).toEqual({ problem: 'The image config’s date is not an RFC 3339 timestamp.' });
  });

  it('says so when a manifest names no config', async () => {
    const bare = cached({ schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [] }, OCI_MANIFEST);
    const { asked, dateOf } = datesBy({});
    expect(await imageCreated(bare, () => Promise.reject(new Error('none')), dateOf)).toEqual({ problem: 'The image manifest names no config.' });
    expect(asked).toEqual([]);
  });
});
