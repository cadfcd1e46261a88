import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishSource } from '../../../shared/contract';
import { createPublishService } from '../../../electron/publish/publish-service';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import { h, open, optionsFor, preview, publish, usePublishEnv } from './publish-env';

const env = usePublishEnv('publish-scale');
const at = (name: string) => join(env.dir, name);
const ctx = { signal: new AbortController().signal };
const COUNT = 10_000;

beforeAll(async () => {
  await mkdir(at('many/nested'), { recursive: true });
  await mkdir(at('loose'), { recursive: true });
  for (let i = 0; i < COUNT; i += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, j) => {
        const n = i + j;
        return Promise.all([writeFile(at(`many/${n % 2 ? 'nested/' : ''}f${n}.txt`), `file ${n}\n`), writeFile(at(`loose/l${n}.txt`), `loose ${n}\n`)]);
      }),
    );
  }
  await writeFile(at('loose-extra.txt'), 'one too many');
}, 120_000);

describe('10,000 files', () => {
  it('a folder of 10,000 files is one tar+gzip layer and lands', async () => {
    const draft = await open(env, env.drop([at('many')]));
    expect(draft).toMatchObject({ entryCount: 1, fileCount: COUNT, detected: { kind: 'folder' } });
    const view = await publish(env, optionsFor(draft, { repository: 'scale/folder' }));
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
  }, 120_000);

  it('a drop of 10,000 files opens (the panel sees the first 1,000) and previews one layer each; a second preview answers from the hash cache', async () => {
    const paths = Array.from({ length: COUNT }, (_, n) => at(`loose/l${n}.txt`));
    const draft = await open(env, env.drop(paths));
    expect(draft).toMatchObject({ entryCount: COUNT, fileCount: COUNT, detected: { kind: 'files' } });
    expect(draft.entries).toHaveLength(1000);
    const options = optionsFor(draft, { repository: 'scale/files' });
    const first = await preview(env, options);
    expect(first.layers).toHaveLength(COUNT);
    expect(first.problems).toEqual([]);
    const second = await preview(env, options);
    expect(second.digest).toBe(first.digest);
  }, 120_000);

  it('10,001 files in one drop (a folder of 10,000 and one more file) are refused with what to do', async () => {
    const sources: PublishSource[] = env.drop([at('loose'), at('loose-extra.txt')]);
    await expect(open(env, sources)).rejects.toThrow('More than 10,000 files: publish fewer at once, or pack them into an archive first.');
  });
});

describe('publish.pick with a mock native dialog (the Electron window cannot run here)', () => {
  it('returns the picked paths as sources, each usable once; a host without a picker refuses clearly', async () => {
    const picker = createPublishService({
      registries: { get: () => undefined },
      repositoryFor: () => Promise.reject(new Error('unused')),
      noteChanged: async () => undefined,
      queue: env.transfers.queue,
      integration: { pickPaths: async (mode) => (mode === 'folder' ? [at('many')] : [at('loose/l1.txt'), at('loose/l2.txt')]) },
      dataDir: env.dataDir,
      scheduler: new TransferScheduler({ maxConcurrent: 2, maxPerHost: 2 }),
    });
    try {
      const sources = await picker.handlers['publish.pick']({ mode: 'files' }, ctx);
      expect(sources).toEqual([
        { type: 'path', path: at('loose/l1.txt') },
        { type: 'path', path: at('loose/l2.txt') },
      ]);
      const draft = await picker.handlers['publish.open']({ sources }, ctx);
      expect(draft.entries.map((e) => e.name)).toEqual(['l1.txt', 'l2.txt']);
      await expect(picker.handlers['publish.open']({ sources }, ctx)).rejects.toThrow(/only by dropping them on the window or choosing them/);
    } finally {
      await picker.close();
    }
    await expect(h(env)['publish.pick']({ mode: 'files' }, ctx)).rejects.toThrow("use the page's file or folder picker");
  });
});
