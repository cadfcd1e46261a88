import { mkdir, readdir, readFile, lstat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPUS_EXPANSION_CAP, hostileCases } from '../../support/hostile/corpus';
import { breakouts } from '../../support/hostile/walk';
import { download, pushArtifact, sha256, useDownloadEnv, type DownloadEnv } from './download-env';

// The corpus's bomb expands past this cap; the limit is the service's setting.
const env: DownloadEnv = useDownloadEnv('download-hostile', { limits: { maxUnpackedBytes: CORPUS_EXPANSION_CAP, maxExpansionRatio: 1000 } });
const TITLE = 'org.opencontainers.image.title';
const before = ['outside', 'outside/keep.txt'];

/**
 * Each hostile archive of the corpus, pushed to the real registry as a packed ORAS folder and
 * downloaded through the service: it stops (and nothing of it stays) or leaves out exactly the
 * entries it names, and the sandbox holds nothing outside the folder and no link leaving it.
 */
describe('the hostile corpus, pushed to a real registry and downloaded', () => {
  for (const hostile of hostileCases) {
    it(`${hostile.id}: ${hostile.threat}`, async () => {
      const tarDigest = hostile.stops ? undefined : sha256(gunzipSync(hostile.layer));
      await pushArtifact(env, `hostile/${hostile.id}`, 'v1', [
        {
          data: hostile.layer,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          annotations: { [TITLE]: 'payload', 'io.deis.oras.content.unpack': 'true', ...(tarDigest ? { 'io.deis.oras.content.digest': tarDigest } : {}) },
        },
      ]);
      const sandbox = join(env.dir, `sandbox-${hostile.id}`);
      const root = join(sandbox, 'root');
      await mkdir(join(sandbox, 'outside'), { recursive: true });
      await mkdir(root);
      await writeFile(join(sandbox, 'outside', 'keep.txt'), 'mine\n');

      const view = await download(env, { repository: `hostile/${hostile.id}`, reference: 'v1', mode: 'files', folder: root });

      if (hostile.stops) {
        expect(view.state).toBe('failed');
        expect(view.error?.message).toMatch(hostile.stops);
        expect(await readdir(root)).toEqual([]);
      } else {
        expect(view.state).toBe('done');
        const skipped = (view.result?.summary ?? []).filter((line) => line.startsWith('Skipped payload: '));
        const refused = Object.entries(hostile.refuses ?? {});
        expect(skipped).toHaveLength(refused.length);
        for (const [name, why] of refused) {
          const line = skipped.find((l) => l.startsWith(`Skipped payload: ${name}: `));
          expect(line, `a summary line for ${name}`).toBeDefined();
          expect(line).toMatch(why);
        }
        for (const [name, content] of Object.entries(hostile.lands ?? {})) expect(await readFile(join(root, name), 'utf8')).toBe(content);
        for (const name of hostile.absent ?? []) await expect(lstat(join(root, name))).rejects.toThrow(/ENOENT/);
        for (const [name, mode] of Object.entries(hostile.modes ?? {})) expect((await lstat(join(root, name))).mode & 0o7777).toBe(mode);
      }
      expect((await readdir(root)).filter((n) => n.startsWith('.stevedore'))).toEqual([]);
      expect(await breakouts(sandbox, root, before)).toEqual([]);
      expect(await readFile(join(sandbox, 'outside', 'keep.txt'), 'utf8')).toBe('mine\n');
    });
  }
});
