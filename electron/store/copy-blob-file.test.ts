import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyBlobFile } from './copy-blob-file';
import { blobFile, INGEST_DIR } from './layout-paths';

let dir: string;
let layout: string;
let source: string;
const bytes = Buffer.from('a dropped file, stored in Local\n'.repeat(1000));
const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'copy-blob-file-'));
  layout = join(dir, 'layout');
  source = join(dir, 'dropped.txt');
  await writeFile(source, bytes);
  await chmod(source, 0o600);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ingest = async () => readdir(join(layout, INGEST_DIR)).catch(() => []);

describe('a dropped file copied into a layout as a blob', () => {
  it('lands under its digest with the same bytes, readable as blobs are, reporting progress, leaving no temp file', async () => {
    const seen: number[] = [];
    expect(await copyBlobFile(layout, source, { digest, size: bytes.length }, { onProgress: (n) => seen.push(n) })).toEqual({ digest, size: bytes.length });
    expect(await readFile(blobFile(layout, digest))).toEqual(bytes);
    expect((await stat(blobFile(layout, digest))).mode & 0o777).toBe(0o644);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(await ingest()).toEqual([]);
  });

  it('computes the digest when none is given', async () => {
    expect(await copyBlobFile(layout, source, { size: bytes.length })).toEqual({ digest, size: bytes.length });
  });

  it('stores nothing for a file that changed since it was planned (other bytes, or another size)', async () => {
    await writeFile(source, Buffer.from(bytes).fill(0x41, 0, 1));
    await expect(copyBlobFile(layout, source, { digest, size: bytes.length })).rejects.toThrow(/does not match its digest .*nothing was stored/);
    await writeFile(source, Buffer.concat([bytes, Buffer.from('more')]));
    await expect(copyBlobFile(layout, source, { digest, size: bytes.length })).rejects.toThrow(`longer than the ${bytes.length} bytes expected`);
    await expect(stat(blobFile(layout, digest))).rejects.toThrow();
    expect(await ingest()).toEqual([]);
  });

  it('stores nothing once cancelled', async () => {
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(copyBlobFile(layout, source, { digest, size: bytes.length }, { signal: cancelled.signal })).rejects.toThrow();
    await expect(stat(blobFile(layout, digest))).rejects.toThrow();
    expect(await ingest()).toEqual([]);
  });
});
