import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostIntegration } from '../../../electron/services/host-integration';
import { callCtx, download, freshFolder, pushArtifact, useDownloadEnv, type DownloadEnv } from './download-env';

// downloads.dragOut against a real registry and the real queue; the host is a recording stand-in
// (mock) for Electron's startDrag, since no window runs here (the boot test covers the real wiring).
const drags: Array<{ paths: readonly string[]; folder: string }> = [];
const host: HostIntegration = { startDrag: (paths, folder) => void drags.push({ paths, folder }) };
const env: DownloadEnv = useDownloadEnv('drag-out', { integration: host });
const TITLE = 'org.opencontainers.image.title';

async function pushPair(tag: string) {
  await pushArtifact(env, 'drag/pair', tag, [
    { data: Buffer.from('first\n'), annotations: { [TITLE]: 'first.txt' } },
    { data: Buffer.from('second\n'), annotations: { [TITLE]: 'second.txt' } },
  ]);
}

describe('downloads.dragOut with a recording host (mock startDrag)', () => {
  it('drags the top-level files a finished download placed, and says so in the result', async () => {
    await pushPair('v1');
    const folder = await freshFolder(env, 'finished');
    const view = await download(env, { repository: 'drag/pair', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect(view.result?.placed).toEqual(['first.txt', 'second.txt']);
    drags.length = 0;
    await expect(env.service.handlers['downloads.dragOut']({ transferId: view.id }, callCtx)).resolves.toBeNull();
    expect(drags).toEqual([{ paths: [join(folder, 'first.txt'), join(folder, 'second.txt')], folder }]);
  });

  it('drags the name a conflict answer chose ("keep both"), not the file that was there', async () => {
    await pushPair('v2');
    const folder = await freshFolder(env, 'kept-both');
    await download(env, { repository: 'drag/pair', reference: 'v2', mode: 'files', folder });
    const again = await download(env, { repository: 'drag/pair', reference: 'v2', mode: 'files', folder, conflicts: 'keep-both' });
    drags.length = 0;
    await env.service.handlers['downloads.dragOut']({ transferId: again.id }, callCtx);
    expect(drags[0]?.paths.map((p) => p.slice(folder.length + 1))).toEqual(again.result?.placed);
    expect(again.result?.placed).not.toContain('first.txt');
    expect(again.result?.placed).toHaveLength(2);
  });

  it('refuses an unknown transfer and one still waiting for a conflict answer', async () => {
    await expect(env.service.handlers['downloads.dragOut']({ transferId: 'no-such-transfer' }, callCtx)).rejects.toMatchObject({ code: 'not-found' });
    await pushPair('v3');
    const folder = await freshFolder(env, 'unfinished');
    await download(env, { repository: 'drag/pair', reference: 'v3', mode: 'files', folder });
    let asked: (id: string) => void = () => undefined;
    const question = new Promise<string>((resolve) => (asked = resolve));
    env.onEvent = (name, payload) => {
      if (name === 'downloads.question') asked((payload as { transferId: string }).transferId);
    };
    const { transferId } = await env.service.handlers['downloads.start']({ registryId: 'test', repository: 'drag/pair', reference: 'v3', mode: 'files', folder }, callCtx);
    expect(await question).toBe(transferId);
    await expect(env.service.handlers['downloads.dragOut']({ transferId }, callCtx)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('has not finished'),
    });
    env.onEvent = undefined;
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, callCtx);
    await env.transfers.queue.settled(transferId);
  });

  it('web mode (no startDrag) refuses with a message that says where the files are', async () => {
    await pushPair('v4');
    const folder = await freshFolder(env, 'web');
    const view = await download(env, { repository: 'drag/pair', reference: 'v4', mode: 'files', folder });
    const startDrag = host.startDrag;
    delete host.startDrag;
    try {
      await expect(env.service.handlers['downloads.dragOut']({ transferId: view.id }, callCtx)).rejects.toMatchObject({
        code: 'invalid-input',
        message: `A browser cannot drag files out of the page: use Open folder, or find them in ${folder}.`,
      });
    } finally {
      host.startDrag = startDrag;
    }
  });
});
