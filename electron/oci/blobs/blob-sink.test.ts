import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobSink } from './blob-sink';

const MiB = 1024 * 1024;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blob-sink-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const data = randomBytes(9 * MiB + 12_345);
const descriptor = { digest: `sha256:${createHash('sha256').update(data).digest('hex')}`, size: data.byteLength };
const describeWriteFailure = (code: string) => `cannot write (${code})`;

/** Feeds `bytes` in uneven chunks, like a socket would. */
async function feed(sink: BlobSink, bytes: Buffer): Promise<void> {
  let offset = 0;
  for (let step = 1; offset < bytes.byteLength; step += 1) {
    const size = (step * 7919) % (200 * 1024) + 1;
    await sink.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

describe.each([
  { key: 'default', name: 'defaults', tuning: {} },
  { key: 'tight', name: 'small batches, a tight in-flight cap and a background sync every 256 KiB', tuning: { batchBytes: 64 * 1024, maxInFlightBytes: 128 * 1024, syncEveryBytes: 256 * 1024 } },
])('BlobSink with $name', ({ key, tuning }) => {
  it('writes every byte in place and accepts the right digest', async () => {
    const path = join(dir, `ok-${key}`);
    const file = await open(path, 'wx');
    const sink = new BlobSink(descriptor, file, { ...tuning, describeWriteFailure });
    await feed(sink, data);
    expect(sink.bytes).toBe(data.byteLength);
    await sink.finish();
    await sink.close();
    await file.close();
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('rejects wrong bytes of the right size as a digest mismatch', async () => {
    const file = await open(join(dir, `bad-${key}`), 'wx');
    const sink = new BlobSink(descriptor, file, { ...tuning, describeWriteFailure });
    const tampered = Buffer.from(data);
    tampered.writeUInt8((tampered.readUInt8(5 * MiB) + 1) % 256, 5 * MiB);
    await feed(sink, tampered);
    await expect(sink.finish()).rejects.toMatchObject({ reason: 'digest-mismatch', code: 'invalid-input' });
    await sink.close();
    await file.close();
  });

  it('fails the moment the body overflows the size, and calls a short body truncated', async () => {
    const file = await open(join(dir, `size-${key}`), 'wx');
    const sink = new BlobSink({ ...descriptor, size: 10 }, file, { ...tuning, describeWriteFailure });
    await sink.push(data.subarray(0, 6));
    await expect(sink.push(data.subarray(6, 12))).rejects.toMatchObject({ reason: 'size-mismatch' });
    expect(sink.bytes).toBe(6);
    await expect(sink.finish()).rejects.toMatchObject({ reason: 'truncated', code: 'network' });
    await sink.close();
    await file.close();
  });

  it('turns a failed write into a write-failed error with the caller’s wording', async () => {
    const path = join(dir, `readonly-${key}`);
    await writeFile(path, '');
    const file = await open(path, 'r');
    const sink = new BlobSink(descriptor, file, { ...tuning, describeWriteFailure });
    await expect(feed(sink, data).then(() => sink.finish())).rejects.toMatchObject({ reason: 'write-failed', code: 'internal', message: 'cannot write (EBADF)' });
    await sink.close();
    await file.close();
  });

  it('stops taking bytes once closed, even with writes still running', async () => {
    const file = await open(join(dir, `closed-${key}`), 'wx');
    const sink = new BlobSink(descriptor, file, { ...tuning, describeWriteFailure });
    await sink.push(data.subarray(0, 3 * MiB));
    await sink.close();
    await expect(sink.push(data.subarray(3 * MiB, 3 * MiB + 10))).rejects.toThrow('closed');
    expect(sink.bytes).toBe(3 * MiB);
    await file.close();
  });
});
