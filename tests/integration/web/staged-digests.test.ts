import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UploadBatch } from '../../../electron/web/upload-batch';
import { manifestBytes, open, optionsFor, preview, publish, usePublishEnv } from '../publish/publish-env';

const env = usePublishEnv('staged-digests');
const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A browser upload of one file as the host receives it: socket-sized chunks into a real batch, sealed. */
async function stageFile(name: string, data: Buffer) {
  const batch = new UploadBatch(env.dir, 1 << 30);
  await batch.create();
  const chunks = Array.from({ length: Math.ceil(data.length / 65_536) }, (_, i) => data.subarray(i * 65_536, (i + 1) * 65_536));
  await batch.addFile(name, Readable.from(chunks));
  const [entry] = batch.seal();
  if (!entry) throw new Error('nothing sealed');
  return entry;
}

describe('web mode: digests hashed while the upload arrived reach the publish preview', () => {
  it('a staged file publishes with the digest of its bytes, taken from the upload rather than a second read', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const entry = await stageFile('model.bin', data);
    expect(entry.received).toHaveLength(1);
    expect(entry.received[0]?.digest).toBe(sha(data));
    env.staged.set(entry.id, { id: entry.id, name: entry.name, type: entry.type, path: entry.path, received: entry.received });
    const draft = await open(env, [{ type: 'staged', id: entry.id }]);
    const options = optionsFor(draft, { repository: 'staged/model', kind: 'files' });
    const shown = await preview(env, options);
    expect(shown.layers.map((l) => [l.name, l.digest, l.size])).toEqual([['model.bin', sha(data), data.length]]);
    const view = await publish(env, options);
    expect(view.state).toBe('done');
    const manifest = JSON.parse((await manifestBytes(env, 'staged/model', 'v1')).toString('utf8')) as { layers: { digest: string }[] };
    expect(manifest.layers.map((l) => l.digest)).toEqual([sha(data)]);
  });

  it('the handed-over digest is what the preview uses (no re-read), and the registry still checks it: a wrong one fails and pushes no manifest', async () => {
    const data = Buffer.from('the bytes on disk\n');
    const entry = await stageFile('notes.txt', data);
    const info = await lstat(entry.path);
    const wrong = sha(Buffer.from('other bytes'));
    // a stand-in for a host that hashed wrongly: same lstat facts, another digest
    const received = [{ path: entry.path, digest: wrong, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino }];
    env.staged.set(entry.id, { id: entry.id, name: entry.name, type: entry.type, path: entry.path, received });
    const draft = await open(env, [{ type: 'staged', id: entry.id }]);
    const options = optionsFor(draft, { repository: 'staged/wrong', kind: 'files' });
    expect((await preview(env, options)).layers[0]?.digest).toBe(wrong);
    const view = await publish(env, options);
    expect(view.state).toBe('failed');
    expect(view.error?.message).toContain('notes.txt');
    await expect(manifestBytes(env, 'staged/wrong', 'v1')).rejects.toThrow();
    expect(await readFile(entry.path)).toEqual(data);
  });
});
