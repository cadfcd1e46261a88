import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashWorker } from './hash-worker';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-worker-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HashWorker', () => {
  it('hashes a file from disk on its thread, sha256 and sha512', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const path = join(dir, 'blob');
    await writeFile(path, data);
    const worker = new HashWorker();
    try {
      await expect(worker.hashFile(path, 'sha256')).resolves.toBe(createHash('sha256').update(data).digest('hex'));
      await expect(worker.hashFile(path, 'sha512')).resolves.toBe(createHash('sha512').update(data).digest('hex'));
    } finally {
      await worker.close();
    }
  });

  it('hashes shared-memory slices fed in order and acknowledges each one', async () => {
    const ring = new SharedArrayBuffer(64);
    const view = new Uint8Array(ring);
    const worker = new HashWorker();
    const acknowledged: number[] = [];
    try {
      worker.start('sha256', (slot) => acknowledged.push(slot), () => undefined);
      view.set(Buffer.from('hello, '), 0);
      worker.update(ring, 0, 7, 0);
      view.set(Buffer.from('registry'), 32);
      worker.update(ring, 32, 8, 1);
      await expect(worker.digest()).resolves.toBe(createHash('sha256').update('hello, registry').digest('hex'));
      expect(acknowledged).toEqual([0, 1]);
    } finally {
      await worker.close();
    }
  });

  it('reports a file it cannot read by its error code', async () => {
    const worker = new HashWorker();
    try {
      await expect(worker.hashFile(join(dir, 'missing'), 'sha256')).rejects.toThrow('ENOENT');
    } finally {
      await worker.close();
    }
  });
});
