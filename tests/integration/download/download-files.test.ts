import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rawTar, rawTarGz } from '../../support/hostile/raw-tar';
import { breakouts, walk } from '../../support/hostile/walk';
import { download, freshFolder, pushArtifact, sha256, useDownloadEnv, type DownloadEnv } from './download-env';

const env: DownloadEnv = useDownloadEnv('download-files');
const TITLE = 'org.opencontainers.image.title';

const site = rawTarGz([
  { name: 'site/' },
  { name: 'site/index.html', content: '<h1>hi</h1>\n', mode: 0o644 },
  { name: 'site/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
  { name: 'site/assets/' },
  { name: 'site/assets/logo.svg', content: '<svg/>', mode: 0o600 },
]);
const alpha = Buffer.from('alpha file\n');
const beta = Buffer.from('beta file, longer\n'.repeat(100));
const untitled = Buffer.from('no title on this one\n');

async function pushBundle(tag: string) {
  return pushArtifact(env, 'files/bundle', tag, [
    { data: alpha, annotations: { [TITLE]: 'alpha.txt' } },
    { data: beta, annotations: { [TITLE]: 'beta.txt' } },
    { data: untitled },
    {
      data: site,
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      annotations: { [TITLE]: 'site', 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': sha256(gunzipSync(site)) },
    },
  ]);
}

describe('downloading files (ORAS layout)', () => {
  it('offers files and blobs, with the titled files listed', async () => {
    await pushBundle('v1');
    const choices = await env.service.handlers['downloads.choices']({ registryId: 'test', repository: 'files/bundle', reference: 'v1' }, {} as never);
    expect(choices.defaultMode).toBe('files');
    expect(choices.modes.map((m) => m.mode)).toEqual(['files', 'blobs']);
    expect(choices.files.map((f) => f.name)).toEqual(['alpha.txt', 'beta.txt', 'site']);
  });

  it('writes each titled layer to its name, unpacks the folder with its modes, keeps the untitled layer under its digest', async () => {
    const folder = await freshFolder(env, 'round-trip');
    const view = await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect(await readFile(join(folder, 'alpha.txt'))).toEqual(alpha);
    expect(await readFile(join(folder, 'beta.txt'))).toEqual(beta);
    expect(await readFile(join(folder, sha256(untitled).replace(':', '-')))).toEqual(untitled);
    const tree = await walk(folder);
    expect(tree.filter((e) => e.path.startsWith('site')).map((e) => [e.path, e.type, e.mode.toString(8)])).toEqual([
      ['site', 'dir', '755'],
      ['site/assets', 'dir', '755'],
      ['site/assets/logo.svg', 'file', '600'],
      ['site/index.html', 'file', '644'],
      ['site/run.sh', 'file', '755'],
    ]);
    expect(await readFile(join(folder, 'site/run.sh'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(view.result?.folder).toBe(folder);
    expect(view.result?.summary?.[0]).toMatch(/^6 files written/);
    expect(view.result?.summary?.join('\n')).toMatch(/1 layer had no file name .* kept under its digest \(oras pull would skip it\)/);
    expect((await readdir(folder)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('downloads one file on its own', async () => {
    const folder = await freshFolder(env, 'one-file');
    const view = await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder, file: 'beta.txt' });
    expect(view.state).toBe('done');
    expect(await readdir(folder)).toEqual(['beta.txt']);
  });

  it('asks about a file already there, and remembers "keep both" for the rest of the transfer', async () => {
    const folder = await freshFolder(env, 'conflicts');
    await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder });
    const questions: string[] = [];
    env.onEvent = (name, payload) => {
      if (name !== 'downloads.question') return;
      const question = payload as { transferId: string; path: string };
      questions.push(question.path);
      void env.service.handlers['downloads.answer']({ transferId: question.transferId, answer: 'keep-both', remember: true }, {} as never);
    };
    const view = await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder });
    env.onEvent = undefined;
    expect(view.state).toBe('done');
    expect(questions).toEqual(['alpha.txt']);
    expect((await readdir(folder)).sort()).toEqual(
      ['alpha (1).txt', 'alpha.txt', 'beta (1).txt', 'beta.txt', 'site', 'site (1)', sha256(untitled).replace(':', '-'), `${sha256(untitled).replace(':', '-')} (1)`].sort(),
    );
    expect(await readFile(join(folder, 'alpha (1).txt'))).toEqual(alpha);
  });

  it('a cancel while the question waits leaves the folder as it was', async () => {
    const folder = await freshFolder(env, 'cancel-question');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(folder, 'alpha.txt'), 'mine\n');
    let asked: (() => void) | undefined;
    const question = new Promise<void>((resolve) => (asked = resolve));
    env.onEvent = (name) => {
      if (name === 'downloads.question') asked?.();
    };
    const { transferId } = await env.service.handlers['downloads.start']({ registryId: 'test', repository: 'files/bundle', reference: 'v1', mode: 'files', folder }, {} as never);
    await question;
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, {} as never);
    await env.transfers.queue.settled(transferId);
    env.onEvent = undefined;
    expect(await readdir(folder)).toEqual(['alpha.txt']);
    expect(await readFile(join(folder, 'alpha.txt'), 'utf8')).toBe('mine\n');
    await expect(env.service.handlers['downloads.answer']({ transferId, answer: 'replace', remember: false }, {} as never)).rejects.toThrow(/not waiting/);
  });

  it('skips or replaces everything with one answer given up front', async () => {
    const folder = await freshFolder(env, 'up-front');
    await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder, file: 'alpha.txt' });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(folder, 'alpha.txt'), 'mine\n');
    const skipped = await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder, file: 'alpha.txt', conflicts: 'skip' });
    expect(await readFile(join(folder, 'alpha.txt'), 'utf8')).toBe('mine\n');
    expect(skipped.result?.summary?.join('\n')).toMatch(/Skipped alpha\.txt: is in the folder already/);
    const replaced = await download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder, file: 'alpha.txt', conflicts: 'replace' });
    expect(replaced.state).toBe('done');
    expect(await readFile(join(folder, 'alpha.txt'))).toEqual(alpha);
  });

  it('refuses a packed folder whose uncompressed tar does not match its content digest, leaving nothing', async () => {
    await pushArtifact(env, 'files/lying', 'v1', [
      { data: site, annotations: { [TITLE]: 'site', 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': sha256(Buffer.from('other')) } },
    ]);
    const folder = await freshFolder(env, 'lying');
    const view = await download(env, { repository: 'files/lying', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('failed');
    expect(view.error?.message).toMatch(/not the .* its annotation promises: nothing of it was kept/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses titles that would leave the folder or that no file system holds, and downloads the rest', async () => {
    const bad = ['../escape.txt', '/tmp/stevedore-abs.txt', 'C:\\evil.txt', '\\\\server\\share\\x', 'nul\0byte.txt', 'x'.repeat(300), 'a/../../b.txt'];
    await pushArtifact(env, 'files/hostile-titles', 'v1', [
      ...bad.map((title, i) => ({ data: Buffer.from(`bad ${i}\n`), annotations: { [TITLE]: title } })),
      { data: alpha, annotations: { [TITLE]: 'alpha.txt' } },
    ]);
    const sandbox = await freshFolder(env, 'titles-sandbox');
    const folder = await freshFolder(env, 'titles-sandbox/root');
    const view = await download(env, { repository: 'files/hostile-titles', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect(await readdir(folder)).toEqual(['alpha.txt']);
    const summary = view.result?.summary?.join('\n') ?? '';
    expect(summary).toMatch(/Skipped \.\.\/escape\.txt: goes up a folder/);
    expect(summary).toMatch(/Skipped \/tmp\/stevedore-abs\.txt: is an absolute path/);
    expect(summary).toMatch(/Skipped C:\\evil\.txt: starts with a drive letter/);
    expect(summary).toMatch(/UNC or network path/);
    expect(summary).toMatch(/contains a NUL byte/);
    expect(summary).toMatch(/longer than 255 bytes/);
    expect(await breakouts(sandbox, folder, [])).toEqual([]);
    await expect(lstat('/tmp/stevedore-abs.txt')).rejects.toThrow(/ENOENT/);
  });

  it('says clearly when the folder does not exist', async () => {
    await expect(download(env, { repository: 'files/bundle', reference: 'v1', mode: 'files', folder: join(env.dir, 'nope') })).rejects.toThrow(/does not exist: create it first/);
  });

  it('writes an uncompressed packed folder too', async () => {
    const tar = rawTar([{ name: 'plain/' }, { name: 'plain/a.txt', content: 'a' }]);
    await pushArtifact(env, 'files/plain', 'v1', [{ data: tar, annotations: { [TITLE]: 'plain', 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': sha256(tar) } }]);
    const folder = await freshFolder(env, 'plain');
    const view = await download(env, { repository: 'files/plain', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('done');
    expect(await readFile(join(folder, 'plain/a.txt'), 'utf8')).toBe('a');
  });
});
