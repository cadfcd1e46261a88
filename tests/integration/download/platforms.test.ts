import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { zstdSupported } from '../../../electron/download/extract/decompress';
import { rawTar } from '../../support/hostile/raw-tar';
import { Bundle, utf8 } from '../../support/seed/content';
import { goJson } from '../../support/seed/go-json';
import { MT } from '../../support/seed/media-types';
import { buildMultiPlatformIndex, type BuiltIndex } from '../../support/seed/multi-platform';
import { packManifest } from '../../support/seed/pack';
import { pushBundle } from '../../support/seed/push';
import { SeedHttp } from '../../support/seed/registry-http';
import { download, freshFolder, sha256, useDownloadEnv, type DownloadEnv } from './download-env';

const run = promisify(execFile);
const env: DownloadEnv = useDownloadEnv('download-platforms');
let multi: BuiltIndex;
const spec = {
  created: '2024-01-01T00:00:00Z',
  files: [{ path: 'app/' }, { path: 'app/hello.txt', content: 'hello\n' }, { path: 'app/run.sh', content: '#!/bin/sh\n', mode: 0o755 }],
  entrypoint: ['/app/run.sh'],
  cmd: [],
  env: [],
  exposedPorts: [],
  labels: {},
};

/** A one-layer image whose layer is compressed with the zstd command. */
async function zstdImage(): Promise<Bundle> {
  const tar = rawTar([{ name: 'z/' }, { name: 'z/file.txt', content: 'zstd layer\n' }]);
  const { stdout } = await run('sh', ['-c', `printf '%s' "$1" | base64 -d | zstd -q -c | base64 -w0`, 'zstd', tar.toString('base64')], { maxBuffer: 1 << 20 });
  const compressed = Buffer.from(stdout, 'base64');
  const bundle = new Bundle();
  const layer = bundle.addBlob('application/vnd.oci.image.layer.v1.tar+zstd', compressed);
  const config = bundle.addBlob(MT.ociConfig, utf8(goJson({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(tar)] } })));
  packManifest(bundle, { config, layers: [layer] });
  return bundle;
}

beforeAll(async () => {
  const http = new SeedHttp(env.registry.host);
  multi = buildMultiPlatformIndex('pkg:docker/multi@1', spec, [
    { architecture: 'amd64', os: 'linux' },
    { architecture: 'arm64', os: 'linux', variant: 'v8' },
  ]);
  await pushBundle({ host: env.registry.host, http }, multi.bundle, 'images/multi', '1', 'skopeo');
  await pushBundle({ host: env.registry.host, http }, await zstdImage(), 'images/zstd', '1', 'http');
  await http.close();
});

describe('images with several platforms, and zstd layers', () => {
  it('lists the platforms (not the attestations) and exports the one chosen as a layout skopeo reads', async () => {
    const choices = await env.service.handlers['downloads.choices']({ registryId: 'test', repository: 'images/multi', reference: '1' }, {} as never);
    expect(choices.platforms.map((p) => [p.os, p.architecture, p.variant])).toEqual([
      ['linux', 'amd64', undefined],
      ['linux', 'arm64', 'v8'],
    ]);
    const arm = multi.platformManifests[1]!.manifest.digest;
    const folder = await freshFolder(env, 'multi-layout');
    const view = await download(env, { repository: 'images/multi', reference: '1', mode: 'oci-layout', folder, platform: arm });
    expect(view.state).toBe('done');
    expect(view.result?.digest).toBe(arm);
    const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${join(folder, 'multi-1')}:1`]);
    expect(`sha256:${createHash('sha256').update(stdout).digest('hex')}`).toBe(arm);
  });

  it('flattens the chosen platform', async () => {
    const folder = await freshFolder(env, 'multi-rootfs');
    const view = await download(env, { repository: 'images/multi', reference: '1', mode: 'rootfs', folder, platform: multi.platformManifests[0]!.manifest.digest });
    expect(view.state).toBe('done');
    expect(await readFile(join(folder, 'multi-1-rootfs', 'app', 'hello.txt'), 'utf8')).toBe('hello\n');
  });

  it('refuses a platform the index does not have', async () => {
    const folder = await freshFolder(env, 'multi-none');
    await expect(download(env, { repository: 'images/multi', reference: '1', mode: 'rootfs', folder, platform: `sha256:${'0'.repeat(64)}` })).rejects.toThrow(/no platform with that digest/);
  });

  it('flattens zstd layers where Node has zstd, and says plainly where it has not', async () => {
    const folder = await freshFolder(env, 'zstd');
    const view = await download(env, { repository: 'images/zstd', reference: '1', mode: 'rootfs', folder });
    if (zstdSupported()) {
      expect(view.state).toBe('done');
      expect(await readFile(join(folder, 'zstd-1-rootfs', 'z', 'file.txt'), 'utf8')).toBe('zstd layer\n');
    } else {
      expect(view.state).toBe('failed');
      expect(view.error?.message).toMatch(/compressed with zstd, which this build cannot unpack .* Download it as an OCI layout instead/);
      expect(await readdir(folder)).toEqual([]);
    }
    const layout = await download(env, { repository: 'images/zstd', reference: '1', mode: 'oci-layout', folder });
    expect(layout.state).toBe('done');
  });
});
