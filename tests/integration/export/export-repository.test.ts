import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REF_NAME } from '../../../electron/store';
import { runCommand } from '../../support/processes';
import { cosignSignatureTag } from '../../support/seed/cosign';
import { referrersTag } from '../../support/seed/referrers-index';
import { seedIndexWithReferrers, type SeededSource } from '../copy/seed-copy';
import { ctx, exportAndWait, namesIn, REMOTE, skopeoRaw, useExportEnv } from './export-env';

const env = useExportEnv('export-repository');
let v1: SeededSource;
let v2: SeededSource;

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const refNames = async (dir: string) =>
  new Map(
    (JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; annotations?: Record<string, string> }> }).manifests
      .filter((m) => m.annotations?.[REF_NAME] !== undefined)
      .map((m) => [m.annotations?.[REF_NAME] as string, m.digest]),
  );

beforeAll(async () => {
  v1 = await seedIndexWithReferrers(env.registry.host, 'team/app', 'v1', 'one');
  v2 = await seedIndexWithReferrers(env.registry.host, 'team/app', 'v2', 'two');
}, 60_000);

describe('export a whole repository', () => {
  it('to a tarball holds every tag with its digest, each readable by skopeo as oci-archive:<file>:<tag>', async () => {
    const file = join(env.out, 'app.tar');
    const view = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'team/app' }, target: { format: 'archive', path: file }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(view.title).toContain('(6 tags)');

    const staging = join(env.out, 'unpacked');
    await mkdir(staging);
    await runCommand('tar', ['-xf', file, '-C', staging]);
    const expected = new Map<string, string>();
    for (const [tag, s] of [['v1', v1] as const, ['v2', v2] as const]) {
      expected.set(tag, s.index.index.digest);
      expected.set(cosignSignatureTag(s.index.index.digest), s.cosign.manifest.digest);
    }
    const names = await refNames(staging);
    for (const [tag, digest] of expected) expect(names.get(tag), tag).toBe(digest);
    // The tag-schema indexes Distribution keeps for referrers are tags too, and go with the repository.
    expect(names.has(referrersTag(v1.index.index.digest))).toBe(true);
    expect(names.size).toBe(6);
    for (const tag of ['v1', 'v2']) expect(sha256(await skopeoRaw(`oci-archive:${file}:${tag}`))).toBe(expected.get(tag));
  });

  it('into an existing layout keeps the tags it had and adds the repository’s', async () => {
    const dir = join(env.out, 'existing');
    await runCommand('skopeo', ['copy', '--all', '--preserve-digests', '--quiet', '--src-tls-verify=false', `docker://${env.registry.host}/team/app:v1`, `oci:${dir}:old`]);
    expect((await env.exports.handlers['exports.check']({ path: dir, format: 'folder' }, ctx)).action).toBe('add');
    const view = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'team/app' }, target: { format: 'folder', path: dir }, referrers: false });
    expect(view.error).toBeUndefined();
    const names = await refNames(dir);
    expect(names.get('old')).toBe(v1.index.index.digest);
    expect(names.get('v1')).toBe(v1.index.index.digest);
    expect(names.get('v2')).toBe(v2.index.index.digest);
    expect(sha256(await skopeoRaw(`oci:${dir}:old`))).toBe(v1.index.index.digest);
    expect(sha256(await skopeoRaw(`oci:${dir}:v2`))).toBe(v2.index.index.digest);
  });

  it('a folder that holds other files and is not a layout is refused, and left as it was', async () => {
    const dir = join(env.out, 'not-a-layout');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const check = await env.exports.handlers['exports.check']({ path: dir, format: 'folder' }, ctx);
    expect(check.problem).toMatch(/holds other files and is not an OCI image layout/);
    await expect(
      env.exports.handlers['exports.start']({ source: { registryId: REMOTE, repository: 'team/app' }, target: { format: 'folder', path: dir }, referrers: false }, ctx),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await namesIn(dir)).toEqual(['notes.txt']);
  });

  it('a damaged layout is refused with what is wrong, and never written to', async () => {
    const dir = join(env.out, 'damaged');
    await mkdir(dir);
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(join(dir, 'index.json'), 'not json');
    const check = await env.exports.handlers['exports.check']({ path: dir, format: 'folder' }, ctx);
    expect(check.problem).toMatch(/is an image layout Stevedore cannot add to: .*index\.json is not valid JSON/);
    await expect(
      env.exports.handlers['exports.start']({ source: { registryId: REMOTE, repository: 'team/app', reference: 'v1' }, target: { format: 'folder', path: dir }, referrers: false }, ctx),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await namesIn(dir)).toEqual(['index.json', 'oci-layout']);
  });

  it('checks paths before anything is read: relative paths, a folder given as an archive, a missing parent', async () => {
    expect((await env.exports.handlers['exports.check']({ path: 'relative/app.tar', format: 'archive' }, ctx)).problem).toMatch(/full path/);
    expect((await env.exports.handlers['exports.check']({ path: env.out, format: 'archive' }, ctx)).problem).toMatch(/is a folder: give the archive a file name/);
    expect((await env.exports.handlers['exports.check']({ path: join(env.out, 'no', 'such', 'x.tar'), format: 'archive' }, ctx)).problem).toMatch(/does not exist: create it first/);
    expect((await env.exports.handlers['exports.check']({ path: join(env.out, 'new.tar'), format: 'archive' }, ctx)).action).toBe('create');
    expect((await env.exports.handlers['exports.suggest']({ repository: 'team/app', format: 'archive' }, ctx)).path).toMatch(/[/\\]app\.tar$/);
  });
});
