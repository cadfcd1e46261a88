import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransferView } from '../../../shared/contract';
import { createDownloadService } from '../../../electron/download/download-service';
import { walk } from '../../support/hostile/walk';
import { open, optionsFor, publish, usePublishEnv } from '../publish/publish-env';

// What Stevedore's own publish pushes, Stevedore's download gives back: same names, bytes and modes.
const env = usePublishEnv('download-round-trip');
const at = (name: string) => join(env.dir, name);
const ctx = {} as never;

async function download(repository: string, folder: string): Promise<TransferView> {
  const service = createDownloadService({
    registries: { get: (id: string) => (id === 'local' ? ({ id, host: env.registry.host } as never) : undefined) },
    repositoryFor: env.catalog.repositoryFor,
    queue: env.transfers.queue,
    integration: {},
    dataDir: env.dataDir,
    events: env.events,
  });
  await mkdir(folder, { recursive: true });
  const { transferId } = await service.handlers['downloads.start']({ registryId: 'local', repository, reference: 'v1', mode: 'files', folder }, ctx);
  await env.transfers.queue.settled(transferId);
  const view = (await env.transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === transferId);
  if (!view) throw new Error('the transfer vanished');
  return view;
}

async function contents(root: string) {
  return Promise.all(
    (await walk(root)).map(async (e) => ({ ...e, content: e.type === 'file' ? (await readFile(join(root, e.path))).toString('base64') : undefined })),
  );
}

beforeAll(async () => {
  await mkdir(at('site/docs/empty'), { recursive: true });
  await writeFile(at('site/index.html'), '<h1>site</h1>\n');
  await writeFile(at('site/run.sh'), '#!/bin/sh\necho run\n');
  await chmod(at('site/run.sh'), 0o755);
  await writeFile(at('site/docs/secret.txt'), 'only me\n');
  await chmod(at('site/docs/secret.txt'), 0o600);
  await writeFile(at('site/docs/guide.md'), 'guide\n'.repeat(1000));
  await symlink('index.html', at('site/home.html'));
  await writeFile(at('a.txt'), 'alpha\n');
  await writeFile(at('model.bin'), Buffer.alloc(300_000, 9));
});

describe('publish, then download', () => {
  it('a folder comes back with the same names, bytes, modes, empty folders and links', async () => {
    const draft = await open(env, env.drop([at('site')]));
    expect(draft.detected.kind).toBe('folder');
    const pushed = await publish(env, optionsFor(draft, { repository: 'round/folder' }));
    expect(pushed.state).toBe('done');
    const folder = at('out-folder');
    const view = await download('round/folder', folder);
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(await contents(join(folder, 'site'))).toEqual(await contents(at('site')));
  });

  it('files come back byte-identical under their names', async () => {
    const draft = await open(env, env.drop([at('a.txt'), at('model.bin')]));
    const pushed = await publish(env, optionsFor(draft, { repository: 'round/files' }));
    expect(pushed.state).toBe('done');
    const folder = at('out-files');
    const view = await download('round/files', folder);
    expect(view.state).toBe('done');
    expect((await walk(folder)).map((e) => e.path)).toEqual(['a.txt', 'model.bin']);
    expect(await readFile(join(folder, 'a.txt'))).toEqual(await readFile(at('a.txt')));
    expect(await readFile(join(folder, 'model.bin'))).toEqual(await readFile(at('model.bin')));
  });
});
