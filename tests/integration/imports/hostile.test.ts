import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLayout } from '../../../electron/imports/check-layout';
import { openLayoutAt } from '../../../electron/imports/opened-registry';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { makeFixture, readAll, type Fixture } from './fixtures';
import { buildTar } from './tar-builder';

let dir: string;
let fixture: Fixture;

beforeAll(async () => {
  dir = await makeTempDir('imports-hostile');
  fixture = await makeFixture(dir);
}, 60_000);
afterAll(async () => {
  await removeTempDir(dir);
});

const LAYOUT_FILE = Buffer.from('{"imageLayoutVersion":"1.0.0"}');
const INDEX = Buffer.from('{"schemaVersion":2,"manifests":[]}');

async function copyOfLayout(name: string): Promise<string> {
  const copy = join(dir, name);
  await cp(fixture.layout, copy, { recursive: true });
  return copy;
}

async function archiveOf(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

const blobPath = (layout: string, digest: string) => join(layout, 'blobs', 'sha256', digest.slice(7));

describe('a damaged layout folder is refused, naming what is wrong, and left as it is', () => {
  it('a missing layer: the check names the manifest that needs it and the missing file; reading it says not found', async () => {
    const layout = await copyOfLayout('missing-blob');
    const layer = fixture.layers[0]!;
    await rm(blobPath(layout, layer.digest));
    const registry = openLayoutAt(layout, 'oci-layout');
    await expect(checkLayout(registry)).rejects.toThrow(new RegExp(`missing-blob cannot be opened as an OCI layout: blobs/sha256/[0-9a-f]{64} names ${layer.digest.slice(0, 19)}…, but blobs/sha256/${layer.digest.slice(7)} is missing`));
    await expect(registry.repository('missing-blob').blobs().fetch(layer)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a missing manifest behind a tag: fetching the tag names index.json and the missing file', async () => {
    const layout = await copyOfLayout('missing-manifest');
    await rm(blobPath(layout, fixture.artifact.digest));
    const repo = openLayoutAt(layout, 'oci-layout').repository('missing-manifest');
    await expect(repo.manifests().fetch('artifact')).rejects.toThrow(/index\.json names manifest sha256:.{12}… \(tag artifact\), but blobs\/sha256\/[0-9a-f]{64} is missing/);
  });

  it('a blob whose bytes changed: reading it fails on its digest, naming the file', async () => {
    const layout = await copyOfLayout('corrupt-blob');
    const layer = fixture.layers[0]!;
    const bytes = await readFile(blobPath(layout, layer.digest));
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(blobPath(layout, layer.digest), bytes);
    const repo = openLayoutAt(layout, 'oci-layout').repository('corrupt-blob');
    await expect(readAll(await repo.blobs().fetch(layer))).rejects.toThrow(/blobs\/sha256\/[0-9a-f]{64} does not match its digest/);
  });

  it('an index.json that is not JSON, or has no manifests list, and an oci-layout of another version', async () => {
    const bad = await copyOfLayout('bad-index');
    await writeFile(join(bad, 'index.json'), '{"schemaVersion":2,"manifests":[');
    await expect(checkLayout(openLayoutAt(bad, 'oci-layout'))).rejects.toThrow(/bad-index cannot be opened as an OCI layout: index\.json is not valid JSON/);
    await writeFile(join(bad, 'index.json'), '{"schemaVersion":2}');
    await expect(checkLayout(openLayoutAt(bad, 'oci-layout'))).rejects.toThrow(/index\.json has no "manifests" list/);
    await writeFile(join(bad, 'index.json'), '{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:nothex","size":1}]}');
    await expect(checkLayout(openLayoutAt(bad, 'oci-layout'))).rejects.toThrow(/index\.json has an invalid entry manifests\[0\]: no valid digest/);
    await writeFile(join(bad, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}');
    await expect(checkLayout(openLayoutAt(bad, 'oci-layout'))).rejects.toThrow(/oci-layout names layout version "2\.0\.0", not 1\.x/);
  });

  it('an index entry whose blob is not a manifest', async () => {
    const layout = await copyOfLayout('not-a-manifest');
    const bytes = Buffer.from('{"schemaVersion":2,"layers":"nope"}');
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await writeFile(blobPath(layout, digest), bytes);
    await writeFile(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: bytes.length, annotations: { 'org.opencontainers.image.ref.name': 'odd' } }] }));
    await expect(checkLayout(openLayoutAt(layout, 'oci-layout'))).rejects.toThrow(/blobs\/sha256\/[0-9a-f]{64} is not a manifest Stevedore can read/);
    await expect(openLayoutAt(layout, 'oci-layout').repository('not-a-manifest').manifests().fetch('odd')).rejects.toThrow(/is not a manifest Stevedore can read/);
  });

  it('a folder that is no layout, and one that went away', async () => {
    await expect(checkLayout(openLayoutAt(dir, 'oci-layout'))).rejects.toThrow(/oci-layout is missing: this is not an OCI image layout folder/);
    const gone = await copyOfLayout('gone');
    await rm(gone, { recursive: true });
    await expect(checkLayout(openLayoutAt(gone, 'oci-layout'))).rejects.toThrow(/The folder .*gone does not exist any more/);
  });
});

describe('a hostile or damaged archive is refused before anything is read from it', () => {
  it('a name climbing out with ../', async () => {
    const path = await archiveOf('climb.tar', buildTar([{ name: 'oci-layout', data: LAYOUT_FILE }, { name: '../x', data: Buffer.from('x') }, { name: 'index.json', data: INDEX }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/the archive's entry "\.\.\/x" is not usable: .*"\.\.\/x", which climbs out of it with "\.\."/);
  });

  it('an absolute name', async () => {
    const path = await archiveOf('absolute.tar', buildTar([{ name: '/etc/passwd', data: Buffer.from('x') }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/the absolute name "\/etc\/passwd"/);
  });

  it('an entry claiming far more bytes than the file holds', async () => {
    const path = await archiveOf('huge.tar', buildTar([{ name: 'oci-layout', data: LAYOUT_FILE }, { name: 'blobs/sha256/aa', data: Buffer.from('tiny'), claimedSize: 8 * 1024 ** 3 - 1 }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/claims 8589934591 bytes, but the archive ends \d+ bytes later: it is truncated or corrupt/);
  });

  it('a truncated archive (skopeo\'s cut short)', async () => {
    const path = join(dir, 'truncated.tar');
    await cp(fixture.archive, path);
    await truncate(path, Math.floor((await stat(path)).size / 2));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/truncated/);
  });

  it('index.json twice', async () => {
    const path = await archiveOf('twice.tar', buildTar([{ name: 'oci-layout', data: LAYOUT_FILE }, { name: 'index.json', data: INDEX }, { name: './index.json', data: INDEX }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/holds "index\.json" twice/);
  });

  it('an index.json larger than 4 MiB inside an archive', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
    const path = await archiveOf('big-index.tar', buildTar([{ name: 'oci-layout', data: LAYOUT_FILE }, { name: 'index.json', data: big }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/index\.json is 4194305 bytes, more than the 4194304 Stevedore reads/);
  });

  it('a header whose checksum is wrong (not a tar at all)', async () => {
    const path = await archiveOf('not-a-tar.tar', Buffer.alloc(2048, 0x41));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/its checksum does not match/);
  });

  it('index.json as a symbolic link', async () => {
    const path = await archiveOf('link.tar', buildTar([{ name: 'oci-layout', data: LAYOUT_FILE }, { name: 'index.json', type: '2' }]));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/index\.json is a symbolic link in the archive; Stevedore reads only plain files/);
  });

  it('a gzip-compressed archive is refused with how to decompress it', async () => {
    const path = await archiveOf('skopeo.tar.gz', gzipSync(await readFile(fixture.archive)));
    await expect(checkLayout(openLayoutAt(path, 'oci-archive'))).rejects.toThrow(/is compressed with gzip\. Decompress it first \(gunzip -k ".*skopeo\.tar\.gz"\) and open the \.tar it gives/);
  });
});

describe('nothing can be written to an opened layout or archive', () => {
  it('every write method refuses, saying to copy to Local or a registry; the folder is unchanged', async () => {
    const layout = await copyOfLayout('read-only');
    const before = await readFile(join(layout, 'index.json'));
    const filesBefore = await readdir(layout, { recursive: true });
    for (const registry of [openLayoutAt(layout, 'oci-layout'), openLayoutAt(fixture.archive, 'oci-archive')]) {
      const repo = registry.repository('anything');
      const readOnly = /was opened read-only; copy the artifact to Local or a registry to change it/;
      await expect(repo.blobs().push({ data: Buffer.from('x') })).rejects.toThrow(readOnly);
      await expect(repo.manifests().push(Buffer.from('{}'), 'application/vnd.oci.image.manifest.v1+json', 'v1')).rejects.toThrow(readOnly);
      await expect(repo.manifests().delete(fixture.index.digest)).rejects.toThrow(readOnly);
      await expect(repo.pushManifest({ schemaVersion: 2, config: fixture.layers[0]!, layers: [] }, 'v1')).rejects.toMatchObject({ code: 'denied' });
    }
    await checkLayout(openLayoutAt(layout, 'oci-layout'));
    expect(await readFile(join(layout, 'index.json'))).toEqual(before);
    expect((await readdir(layout, { recursive: true })).sort()).toEqual(filesBefore.sort()); // no ingest/, no lock file, nothing new
  });
});
