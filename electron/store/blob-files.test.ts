import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLayoutAt } from '../imports/opened-registry';
import { LocalStore } from './local-store';
import { blobFile, INGEST_DIR, repositoryDir } from './layout-paths';
import { writeBlob } from './blob-files';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'blob-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

// Larger than one read chunk and one write batch, so bytes reach the temp file before the end.
const SIZE = 3 * 1024 * 1024 + 17;

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A blob stored in repository `source`, then its file changed in place: same size, last byte flipped. */
async function damagedSource(): Promise<{ store: LocalStore; digest: string; bytes: Buffer }> {
  const store = new LocalStore(root);
  const bytes = randomBytes(SIZE);
  const { digest } = await store.repository('source').blobs().push({ data: bytes });
  const damaged = Buffer.from(bytes);
  damaged[SIZE - 1] = (damaged[SIZE - 1] as number) ^ 0xff;
  await writeFile(blobFile(repositoryDir(root, 'source'), digest), damaged);
  return { store, digest, bytes };
}

async function leftIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

describe('writeBlob with a source verified by its producer', () => {
  it('stores what a verifying stream delivered, under the expected digest', async () => {
    const store = new LocalStore(root);
    const bytes = randomBytes(SIZE);
    const digest = digestOf(bytes);
    await store.repository('source').blobs().push({ data: bytes });
    const stream = await store.repository('source').blobs().fetch({ digest, size: SIZE });
    const target = join(root, 'target');
    const written = await writeBlob(target, stream, { digest, size: SIZE }, { sourceVerified: true });
    expect(written).toEqual({ digest, size: SIZE });
    expect(digestOf(await readFile(blobFile(target, digest)))).toBe(digest);
    expect(await leftIn(join(target, INGEST_DIR))).toEqual([]);
  });

  it('renames nothing when the producer fails its digest check only at its end, after every byte was written', async () => {
    const { store, digest } = await damagedSource();
    // The Local reader checks the size before the first byte and the digest only at the end.
    const stream = await store.repository('source').blobs().fetch({ digest, size: SIZE });
    const target = join(root, 'target');
    let counted = 0;
    await expect(writeBlob(target, stream, { digest, size: SIZE }, { sourceVerified: true, onProgress: (bytes) => (counted = bytes) })).rejects.toThrow(/repository "source" is damaged/);
    expect(counted).toBe(SIZE);
    expect(await leftIn(join(target, 'blobs', 'sha256'))).toEqual([]);
    expect(await leftIn(join(target, INGEST_DIR))).toEqual([]);
  });

  it('still refuses a source that ends short or long of the expected size', async () => {
    const bytes = randomBytes(1024);
    const digest = digestOf(bytes);
    const target = join(root, 'target');
    await expect(writeBlob(target, Readable.from([bytes.subarray(0, 1000)]), { digest, size: 1024 }, { sourceVerified: true })).rejects.toThrow(/1000 bytes, not the 1024 expected/);
    await expect(writeBlob(target, Readable.from([bytes, bytes.subarray(0, 1)]), { digest, size: 1024 }, { sourceVerified: true })).rejects.toThrow(/longer than the 1024 bytes/);
    expect(await leftIn(join(target, 'blobs', 'sha256'))).toEqual([]);
    expect(await leftIn(join(target, INGEST_DIR))).toEqual([]);
  });

  it('hashes what it writes when the source is not marked verified', async () => {
    const bytes = randomBytes(1024);
    const other = digestOf(randomBytes(1024));
    const target = join(root, 'target');
    await expect(writeBlob(target, Readable.from([bytes]), { digest: other, size: 1024 })).rejects.toThrow(/does not match its digest/);
    expect(await leftIn(join(target, INGEST_DIR))).toEqual([]);
  });
});

describe('LayoutBlobs.push of a stream source marked verified', () => {
  it('refuses a copy from a damaged repository: nothing in blobs/ or ingest/ of the destination', async () => {
    const { store, digest } = await damagedSource();
    const source = store.repository('source').blobs();
    const destination = store.repository('destination');
    await expect(
      destination.blobs().push({ digest, size: SIZE, verified: true, open: () => source.fetch({ digest, size: SIZE }) }),
    ).rejects.toThrow(/repository "source" is damaged/);
    expect(await destination.blobs().exists(digest)).toBe(false);
    const dir = repositoryDir(root, 'destination');
    expect(await leftIn(join(dir, 'blobs', 'sha256'))).toEqual([]);
    expect(await leftIn(join(dir, INGEST_DIR))).toEqual([]);
  });

  it('refuses a copy from a damaged layout folder opened read-only: nothing in blobs/ or ingest/', async () => {
    const { store, digest } = await damagedSource();
    const opened = openLayoutAt(repositoryDir(root, 'source'), 'oci-layout').repository('source').blobs();
    const destination = store.repository('destination');
    await expect(
      destination.blobs().push({ digest, size: SIZE, verified: true, open: () => opened.fetch({ digest, size: SIZE }) }),
    ).rejects.toThrow(/cannot be opened as an OCI layout: blobs\/sha256\/[0-9a-f]{64} does not match its digest/);
    const dir = repositoryDir(root, 'destination');
    expect(await leftIn(join(dir, 'blobs', 'sha256'))).toEqual([]);
    expect(await leftIn(join(dir, INGEST_DIR))).toEqual([]);
  });

  it('copies a sound blob from another repository byte for byte', async () => {
    const store = new LocalStore(root);
    const bytes = randomBytes(SIZE);
    const { digest } = await store.repository('source').blobs().push({ data: bytes });
    const source = store.repository('source').blobs();
    const result = await store.repository('destination').blobs().push({ digest, size: SIZE, verified: true, open: () => source.fetch({ digest, size: SIZE }) });
    expect(result).toMatchObject({ digest, size: SIZE, outcome: 'uploaded' });
    expect((await readFile(blobFile(repositoryDir(root, 'destination'), digest))).equals(bytes)).toBe(true);
  });
});
