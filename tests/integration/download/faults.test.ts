import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TransferView } from '../../../shared/contract';
import { callCtx, download, freshFolder, pushArtifact, useDownloadEnv, type DownloadEnv } from './download-env';

const env: DownloadEnv = useDownloadEnv('download-faults');
const TITLE = 'org.opencontainers.image.title';
const SIZE = 24 * 1024 * 1024;
const blobPath = /\/v2\/faults\/large\/blobs\/sha256:/;
let data: Buffer;

beforeAll(async () => {
  data = randomBytes(SIZE);
  await pushArtifact(env, 'faults/large', 'v1', [{ data, annotations: { [TITLE]: 'large.bin' } }]);
});
beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

const gets = () => env.proxy.requests.filter((r) => r.method === 'GET' && blobPath.test(r.path));

describe('downloads through faults', () => {
  it('resumes a connection reset at 37 % of a large blob with Range and ends byte-identical', async () => {
    env.proxy.fault({ method: 'GET', path: blobPath, fault: { kind: 'reset-response', afterBytes: Math.round(SIZE * 0.37) } });
    const folder = await freshFolder(env, 'reset');
    const view = await download(env, { repository: 'faults/large', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect((await readFile(join(folder, 'large.bin'))).equals(data)).toBe(true);
    const [first, second] = gets();
    expect(first?.values.range).toBeUndefined();
    expect(Number(/bytes=(\d+)-/.exec(second?.values.range ?? '')?.[1])).toBeGreaterThan(SIZE * 0.2); // what arrived before the reset, less what was in flight
    expect(second?.status).toBe(206);
    expect(await readdir(folder)).toEqual(['large.bin']);
  });

  it('copes with a server that answers the Range request with the whole blob (200)', async () => {
    env.proxy.fault({ method: 'GET', path: blobPath, fault: { kind: 'reset-response', afterBytes: Math.round(SIZE * 0.37) } });
    env.proxy.fault({ method: 'GET', path: blobPath, from: 2, fault: { kind: 'ignore-range' } });
    const folder = await freshFolder(env, 'ignored-range');
    const view = await download(env, { repository: 'faults/large', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect(gets()[1]).toMatchObject({ status: 200, fault: 'ignore-range' });
    expect((await readFile(join(folder, 'large.bin'))).equals(data)).toBe(true);
  });

  it('leaves no temporary file and no staging folder after a cancel mid-blob', async () => {
    env.proxy.fault({ method: 'GET', path: blobPath, fault: { kind: 'drip', bytesPerTick: 256 * 1024, tickMs: 50 } });
    const folder = await freshFolder(env, 'cancel');
    let started: (() => void) | undefined;
    const moving = new Promise<void>((resolve) => (started = resolve));
    env.onEvent = (name, payload) => {
      if (name === 'transfers.changed' && (payload as TransferView[]).some((t) => t.kind === 'download' && t.bytes > 0)) started?.();
    };
    const { transferId } = await env.service.handlers['downloads.start']({ registryId: 'test', repository: 'faults/large', reference: 'v1', mode: 'files', folder }, callCtx);
    await moving;
    expect((await readdir(folder)).some((n) => n.startsWith('.stevedore-download-'))).toBe(true);
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, callCtx);
    await env.transfers.queue.settled(transferId);
    env.onEvent = undefined;
    const view = (await env.transfers.handlers['transfers.list']({}, callCtx)).find((t) => t.id === transferId);
    expect(view?.state).toBe('cancelled');
    expect(await readdir(folder)).toEqual([]);
  });
});
