import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runCommand } from '../support/processes';
import { hexOf, writeOciLayout, writeRandomFile } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('bench-fixtures');
});
afterAll(async () => {
  await removeTempDir(dir);
});

describe('bench fixtures', () => {
  it('writes random bytes of the asked size whose digest is the one returned', async () => {
    const blob = await writeRandomFile(join(dir, 'blob.bin'), 5 * 1024 * 1024 + 7);
    const bytes = await readFile(blob.path);
    expect(bytes.byteLength).toBe(5 * 1024 * 1024 + 7);
    expect(blob.digest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    const again = await writeRandomFile(join(dir, 'again.bin'), 4096);
    expect(again.digest).not.toBe((await writeRandomFile(join(dir, 'third.bin'), 4096)).digest);
  });

  it('builds an OCI layout skopeo reads, with the layer hard-linked rather than copied', async () => {
    const layer = await writeRandomFile(join(dir, 'layer.bin'), 64 * 1024);
    const layout = await writeOciLayout(join(dir, 'layout'), 'bench', [layer]);
    const { stdout } = await runCommand('skopeo', ['inspect', '--raw', `oci:${layout.dir}:bench`]);
    expect(`sha256:${createHash('sha256').update(stdout).digest('hex')}`).toBe(layout.manifestDigest);
    const manifest = JSON.parse(stdout) as { layers: Array<{ digest: string; size: number }> };
    expect(manifest.layers).toEqual([expect.objectContaining({ digest: layer.digest, size: layer.size })]);
    expect((await stat(join(layout.dir, 'blobs', 'sha256', hexOf(layer.digest)))).ino).toBe((await stat(layer.path)).ino);
  });
});
