import { randomBytes } from 'node:crypto';
import { mkdir, open as openFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { h, manifestBytes, open, optionsFor, preview, publish, sh, usePublishEnv } from './publish-env';
import { waitUntil } from '../../support/processes';

// SOURCE_DATE_EPOCH is set for this file's service: `created: now` is pinned to it.
const env = usePublishEnv('publish-faults', { env: { SOURCE_DATE_EPOCH: '1700000000' } });
const at = (name: string) => join(env.dir, name);
const ctx = { signal: new AbortController().signal };

beforeAll(async () => {
  await mkdir(at('site/a/b'), { recursive: true });
  await mkdir(at('site/empty'), { recursive: true });
  await writeFile(at('site/a/b/c.txt'), 'c\n');
  await writeFile(at('site/readme.md'), '# site\n');
  await writeFile(at('one.txt'), 'one\n');
  await mkdir(at('nochart/x'), { recursive: true });
  await writeFile(at('nochart/x/values.yaml'), 'a: 1\n');
  await sh('tar -czf ../nochart.tgz x', at('nochart'));
  await mkdir(at('badver/demo'), { recursive: true });
  await writeFile(at('badver/demo/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: "1.2"\n');
  await sh('tar -czf ../badver.tgz demo', at('badver'));
});

describe('same inputs, same digest', () => {
  it('publishing the same files twice with created off gives the same digest (a file and a folder, fresh drafts each time)', async () => {
    const digests: string[] = [];
    for (const tag of ['first', 'second']) {
      const draft = await open(env, env.drop([at('one.txt'), at('site')]));
      const view = await publish(env, optionsFor(draft, { repository: 'repro/files', kind: 'files', tags: [tag] }));
      expect(view.state).toBe('done');
      digests.push(view.result!.digest!);
    }
    expect(digests[1]).toBe(digests[0]);
    expect((await manifestBytes(env, 'repro/files', 'first')).equals(await manifestBytes(env, 'repro/files', 'second'))).toBe(true);
  });

  it('created now is pinned by SOURCE_DATE_EPOCH, so it too repeats', async () => {
    const first = await open(env, env.drop([at('one.txt')]));
    const a = await preview(env, optionsFor(first, { repository: 'repro/epoch', created: { mode: 'now' } }));
    expect(JSON.parse(a.manifest).annotations).toEqual({ 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' });
    const view = await publish(env, optionsFor(first, { repository: 'repro/epoch', created: { mode: 'now' } }));
    expect(view.result?.digest).toBe(a.digest);
  });
});

describe('bad input: nothing pushed, a clear message each', () => {
  it('a .tgz called Helm without Chart.yaml: preview names it, start refuses, nothing lands', async () => {
    const draft = await open(env, env.drop([at('nochart.tgz')]));
    expect(draft.detected.kind).toBe('files');
    const options = optionsFor(draft, { repository: 'bad/helm', kind: 'helm', tags: ['x'] });
    const shown = await preview(env, options);
    expect(shown.problems).toEqual(['nochart.tgz has no <name>/Chart.yaml inside: it is not a Helm chart. Choose another kind, or package the chart with helm package.']);
    await expect(h(env)['publish.start'](options, ctx)).rejects.toThrow('nochart.tgz has no <name>/Chart.yaml inside');
    const repo = await env.catalog.repositoryFor('local', 'bad/helm');
    await expect(repo.manifests().exists('x')).resolves.toBe(false);
  });

  it('a chart whose version is not SemVer 2: the problem names the version and the file', async () => {
    const draft = await open(env, env.drop([at('badver.tgz')]));
    expect(draft.detected.kind).toBe('helm');
    const options = optionsFor(draft, { repository: 'bad', tags: [] });
    expect((await preview(env, options)).problems).toEqual(['The chart version "1.2" in badver.tgz is not SemVer 2 (MAJOR.MINOR.PATCH, e.g. 1.2.3 or 1.2.3-rc.1+build.5).']);
    await expect(h(env)['publish.start'](options, ctx)).rejects.toThrow('The chart version "1.2" in badver.tgz is not SemVer 2');
  });

  it('a file changed in place (same size) while it is pushed: the transfer fails naming the file, and no manifest is pushed', async () => {
    const path = at('changing.bin');
    await writeFile(path, randomBytes(48 * 1024 * 1024));
    const draft = await open(env, env.drop([path]));
    const options = optionsFor(draft, { repository: 'bad/changing' });
    const { transferId } = await h(env)['publish.start'](options, ctx);
    const handle = await openFile(path, 'r+');
    await handle.write(randomBytes(48 * 1024 * 1024), 0, 48 * 1024 * 1024, 0);
    await handle.close();
    await env.transfers.queue.settled(transferId);
    const view = (await env.transfers.handlers['transfers.list']({}, ctx)).find((v) => v.id === transferId)!;
    expect(view.state).toBe('failed');
    expect(view.error?.message).toContain('changing.bin');
    const repo = await env.catalog.repositoryFor('local', 'bad/changing');
    await expect(repo.manifests().exists('v1')).resolves.toBe(false);
  });

  it('a path that was not dropped or picked is refused; an empty drop is named as such', async () => {
    await expect(open(env, [{ type: 'path', path: at('one.txt') }])).rejects.toThrow('one.txt was not dropped on Stevedore just now; drop it again.');
    await expect(open(env, [])).rejects.toThrow('Nothing was dropped');
    await expect(open(env, [{ type: 'staged', id: 'missing' }])).rejects.toThrow('That upload is no longer staged');
  });

  it('a socket inside a dropped folder is refused, naming it', async () => {
    await mkdir(at('withsock'), { recursive: true });
    await writeFile(at('withsock/ok.txt'), 'ok');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(at('withsock/agent.sock'), resolve));
    try {
      await expect(open(env, env.drop([at('withsock')]))).rejects.toThrow('withsock/agent.sock is a socket; only files, folders and symbolic links can be published.');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a file that vanished between the drop and the open is named', async () => {
    await writeFile(at('brief.txt'), 'x');
    const sources = env.drop([at('brief.txt')]);
    await rm(at('brief.txt'));
    await expect(open(env, sources)).rejects.toThrow('brief.txt is no longer there');
  });

  it('discarding a draft removes its packed folder from <dataDir>/publish-work', async () => {
    const draft = await open(env, env.drop([at('site')]));
    await preview(env, optionsFor(draft, { repository: 'work/site' }));
    expect(await readdir(join(env.dataDir, 'publish-work', draft.draftId))).toEqual(['e0.tar.gz']);
    await h(env)['publish.discard']({ draftId: draft.draftId }, ctx);
    await expect(readdir(join(env.dataDir, 'publish-work', draft.draftId))).rejects.toThrow(/ENOENT/);
    await expect(preview(env, optionsFor(draft, { repository: 'work/site' }))).rejects.toThrow('This publish draft is gone');
  });

  it('after a successful publish of a folder, its packed file is removed (the draft stays usable and packs again)', async () => {
    const draft = await open(env, env.drop([at('site')]));
    const work = join(env.dataDir, 'publish-work', draft.draftId);
    await preview(env, optionsFor(draft, { repository: 'work/done' }));
    expect(await readdir(work)).toEqual(['e0.tar.gz']);
    const view = await publish(env, optionsFor(draft, { repository: 'work/done' }));
    expect(view.state).toBe('done');
    await waitUntil(async () => (await readdir(work).catch(() => [])).length === 0, { timeoutMs: 10_000, describeFailure: () => 'the packed folder was not removed after the publish' });
    const again = await preview(env, optionsFor(draft, { repository: 'work/done' }));
    expect(again.digest).toBe(view.result!.digest);
  });
});
