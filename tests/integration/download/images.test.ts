import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHelmChart } from '../../support/seed/helm';
import { pushBundle } from '../../support/seed/push';
import { SeedHttp } from '../../support/seed/registry-http';
import { skopeoPull } from '../../support/seed/skopeo';
import { walk, type WalkedEntry } from '../../support/hostile/walk';
import { download, freshFolder, useDownloadEnv, type DownloadEnv } from './download-env';
import { layeredImage } from './image-fixture';

const run = promisify(execFile);
const env: DownloadEnv = useDownloadEnv('download-images');
let imageDigest: string;
const chart = buildHelmChart({ name: 'demo', version: '1.2.3+build.4', appVersion: '2.0', description: 'A demo chart', created: '2024-01-01T00:00:00Z', withProvenance: true });

beforeAll(async () => {
  const http = new SeedHttp(env.registry.host);
  const image = layeredImage();
  await pushBundle({ host: env.registry.host, http }, image.bundle, 'images/layered', image.tag, 'skopeo');
  imageDigest = image.bundle.root.descriptor.digest;
  await pushBundle({ host: env.registry.host, http }, chart.bundle, 'charts/demo', chart.tag, 'http');
  await http.close();
});

/** Content, mode and link target per path; umoci's absolute links read as the relative ones Stevedore writes. */
async function tree(root: string): Promise<Array<[string, string, string, string]>> {
  const entries = await walk(root);
  return Promise.all(
    entries.map(async (e: WalkedEntry): Promise<[string, string, string, string]> => {
      if (e.type === 'symlink') {
        const target = e.linkTarget ?? '';
        const relative = isAbsolute(target) ? posix.relative(posix.join('/', posix.dirname(e.path)), target) : target;
        return [e.path, 'symlink', '', relative];
      }
      if (e.type === 'file') return [e.path, 'file', (e.mode & 0o777).toString(8), createHash('sha256').update(await readFile(join(root, e.path))).digest('hex')];
      return [e.path, e.type, (e.mode & 0o777).toString(8), ''];
    }),
  );
}

describe('downloading images', () => {
  it('offers an OCI layout, the root file system and blobs', async () => {
    const choices = await env.service.handlers['downloads.choices']({ registryId: 'test', repository: 'images/layered', reference: 'layered' }, {} as never);
    expect(choices.modes.map((m) => m.mode)).toEqual(['oci-layout', 'rootfs', 'blobs']);
    expect(choices.digest).toBe(imageDigest);
  });

  it('writes an OCI layout that skopeo reads back with the same digest', async () => {
    const folder = await freshFolder(env, 'layout');
    const view = await download(env, { repository: 'images/layered', reference: 'layered', mode: 'oci-layout', folder });
    expect(view.state).toBe('done');
    const layout = join(folder, 'layered-layered');
    const { stdout: raw } = await run('skopeo', ['inspect', '--raw', `oci:${layout}:layered`]);
    expect(`sha256:${createHash('sha256').update(raw).digest('hex')}`).toBe(imageDigest);
    const copied = join(env.dir, 'layout-copy');
    await run('skopeo', ['copy', '--preserve-digests', '--quiet', `oci:${layout}:layered`, `oci:${copied}:again`]);
    const index = JSON.parse(await readFile(join(copied, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    expect(index.manifests[0]?.digest).toBe(imageDigest);
  });

  it('flattens the layers into the same root file system as umoci unpack, file by file', async () => {
    const folder = await freshFolder(env, 'rootfs');
    const view = await download(env, { repository: 'images/layered', reference: 'layered', mode: 'rootfs', folder });
    expect(view.state).toBe('done');
    expect(view.result?.summary?.join('\n')).not.toMatch(/Skipped/);
    const ours = join(folder, 'layered-layered-rootfs');

    const layout = join(env.dir, 'umoci-layout');
    await skopeoPull(env.registry.host, 'images/layered', 'layered', layout);
    const bundle = join(env.dir, 'umoci-bundle');
    await rm(bundle, { recursive: true, force: true });
    await run('umoci', ['unpack', '--rootless', '--image', `${layout}:layered`, bundle]);
    const theirs = await tree(join(bundle, 'rootfs'));
    expect(await tree(ours)).toEqual(theirs);
    // The whiteouts were applied, not written.
    expect(theirs.map((e) => e[0])).not.toContain('etc/motd');
    expect(theirs.map((e) => e[0])).not.toContain('var/cache/old-1');
    expect(theirs.map((e) => e[0])).toContain('var/cache/fresh');
  });

  it('saves a chart as helm pull does, with its provenance, or unpacked as --untar', async () => {
    const folder = await freshFolder(env, 'chart');
    const tgz = await download(env, { repository: 'charts/demo', reference: chart.tag, mode: 'helm-tgz', folder });
    expect(tgz.state).toBe('done');
    expect((await readdir(folder)).sort()).toEqual(['demo-1.2.3+build.4.tgz', 'demo-1.2.3+build.4.tgz.prov']);
    const blob = chart.bundle.blobs.get(chart.chartLayer.digest);
    expect(await readFile(join(folder, 'demo-1.2.3+build.4.tgz'))).toEqual(Buffer.from(blob?.bytes ?? []));

    const untarFolder = await freshFolder(env, 'chart-untar');
    const untar = await download(env, { repository: 'charts/demo', reference: chart.tag, mode: 'helm-untar', folder: untarFolder });
    expect(untar.state).toBe('done');
    expect((await walk(untarFolder)).map((e) => e.path).sort()).toEqual([
      'demo',
      'demo-1.2.3+build.4.tgz.prov',
      'demo/Chart.yaml',
      'demo/README.md',
      'demo/templates',
      'demo/templates/deployment.yaml',
      'demo/values.yaml',
    ]);
    expect(await readFile(join(untarFolder, 'demo/Chart.yaml'), 'utf8')).toMatch(/^apiVersion: v2\nname: demo\n/);
  });

  it('downloads anything as blobs by digest with a manifest.json saying which is what', async () => {
    const folder = await freshFolder(env, 'blobs');
    const view = await download(env, { repository: 'images/layered', reference: 'layered', mode: 'blobs', folder });
    expect(view.state).toBe('done');
    const dir = join(folder, 'layered-layered-blobs');
    const summary = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { manifest: { file: string }; config: { file: string }; layers: Array<{ file: string }> };
    expect(summary.manifest.file).toBe(imageDigest.replace(':', '-'));
    expect(summary.layers).toHaveLength(3);
    for (const file of [summary.manifest.file, summary.config.file, ...summary.layers.map((l) => l.file)]) {
      const bytes = await readFile(join(dir, file));
      expect(`sha256-${createHash('sha256').update(bytes).digest('hex')}`).toBe(file);
    }
    expect((await readdir(dir)).length).toBe(6);
  });
});
