import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REF_NAME } from '../../../electron/store';
import { ExportLayout } from '../../../electron/export/export-layout';
import { runCommand } from '../../support/processes';
import { cosignSignatureTag } from '../../support/seed/cosign';
import { seedIndexWithReferrers, type SeededSource } from '../copy/seed-copy';
import { exportAndWait, namesIn, REMOTE, skopeoRaw, useExportEnv } from './export-env';

const env = useExportEnv('export-artifact');
let seeded: SeededSource;

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

beforeAll(async () => {
  seeded = await seedIndexWithReferrers(env.registry.host, 'src/app', 'v1');
}, 60_000);

interface IndexJson {
  manifests: Array<{ digest: string; annotations?: Record<string, string> }>;
}
const indexOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexJson;

describe('export an artifact to an OCI layout folder', () => {
  it('writes every platform and its referrers under their digests, the tag named as skopeo names it; skopeo reads and copies it unchanged', async () => {
    const dir = join(env.out, 'app');
    const view = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, target: { format: 'folder', path: dir }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(view.kind).toBe('export');
    expect(view.result).toMatchObject({ digest: seeded.index.index.digest, reference: `oci:${dir}:v1`, tags: ['v1', cosignSignatureTag(seeded.index.index.digest)] });

    expect(await namesIn(dir)).toEqual(['blobs', 'index.json', 'oci-layout']);
    const index = await indexOf(dir);
    expect(index.manifests.filter((m) => m.annotations?.[REF_NAME] === 'v1').map((m) => m.digest)).toEqual([seeded.index.index.digest]);
    const blobs = new Set(await namesIn(join(dir, 'blobs', 'sha256')));
    for (const digest of [...seeded.manifestDigests, ...seeded.blobDigests]) expect(blobs.has(digest.slice('sha256:'.length)), digest).toBe(true);
    // The cosign signature keeps its tag; the SBOM is found through its subject, as in Local.
    expect(index.manifests.some((m) => m.digest === seeded.cosign.manifest.digest && m.annotations?.[REF_NAME]?.endsWith('.sig'))).toBe(true);
    const layout = new ExportLayout(dir).layout;
    expect((await layout.referrers(seeded.index.index.digest)).map((d) => d.digest)).toContain(seeded.sbom.manifest.digest);

    expect(sha256(await skopeoRaw(`oci:${dir}:v1`))).toBe(seeded.index.index.digest);
    await runCommand('skopeo', ['copy', '--all', '--preserve-digests', '--quiet', '--dest-tls-verify=false', `oci:${dir}:v1`, `docker://${env.registry.host}/from-folder/app:v1`]);
    expect(sha256(await skopeoRawInsecure(`docker://${env.registry.host}/from-folder/app:v1`))).toBe(seeded.index.index.digest);
  });
});

describe('export an artifact to an oci-archive tarball', () => {
  it('writes an uncompressed tar of the layout that skopeo reads as oci-archive, with the same digests; nothing else is left beside it', async () => {
    const file = join(env.out, 'tarballs', 'app-v1.tar');
    await runCommand('mkdir', ['-p', join(env.out, 'tarballs')]);
    const view = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, target: { format: 'archive', path: file }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(view.result?.reference).toBe(`oci-archive:${file}:v1`);
    expect(await namesIn(join(env.out, 'tarballs'))).toEqual(['app-v1.tar']);

    const { stdout } = await runCommand('tar', ['-tf', file]);
    const entries = stdout.trim().split('\n');
    expect(entries.slice(0, 2)).toEqual(['oci-layout', 'index.json']);
    expect(entries.every((e) => e === 'oci-layout' || e === 'index.json' || e.startsWith('blobs/'))).toBe(true);
    for (const digest of [...seeded.manifestDigests, ...seeded.blobDigests]) expect(entries).toContain(`blobs/sha256/${digest.slice('sha256:'.length)}`);

    expect(sha256(await skopeoRaw(`oci-archive:${file}:v1`))).toBe(seeded.index.index.digest);
    await runCommand('skopeo', ['copy', '--all', '--preserve-digests', '--quiet', '--dest-tls-verify=false', `oci-archive:${file}:v1`, `docker://${env.registry.host}/from-archive/app:v1`]);
    expect(sha256(await skopeoRawInsecure(`docker://${env.registry.host}/from-archive/app:v1`))).toBe(seeded.index.index.digest);
  });

  it('an existing file is refused unless its replacement is asked for; then it is replaced whole', async () => {
    const file = join(env.out, 'tarballs', 'app-v1.tar');
    const input = { source: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, target: { format: 'archive' as const, path: file }, referrers: false };
    await expect(env.exports.handlers['exports.start'](input, { signal: new AbortController().signal })).rejects.toThrow(/exists already/);
    const view = await exportAndWait(env, { ...input, target: { ...input.target, replace: true } });
    expect(view.state).toBe('done');
    const { stdout } = await runCommand('tar', ['-tf', file]);
    expect(stdout).not.toContain(seeded.sbom.manifest.digest.slice('sha256:'.length));
    expect(sha256(await skopeoRaw(`oci-archive:${file}:v1`))).toBe(seeded.index.index.digest);
  });
});

function skopeoRawInsecure(reference: string): Promise<Buffer> {
  return runCommand('skopeo', ['inspect', '--raw', '--tls-verify=false', reference]).then(({ stdout }) => Buffer.from(stdout, 'utf8'));
}
