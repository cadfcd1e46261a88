import { gunzipSync } from 'node:zlib';
import { Bundle, utf8 } from '../../support/seed/content';
import { goJson } from '../../support/seed/go-json';
import { MT } from '../../support/seed/media-types';
import { packManifest } from '../../support/seed/pack';
import { rawTarGz, type RawEntry } from '../../support/hostile/raw-tar';
import { sha256 } from './download-env';

/**
 * A 3-layer linux/amd64 image that exercises flattening: files, modes, a symlink (relative and
 * absolute), a hard link, a file deleted by a whiteout, a folder emptied by an opaque whiteout
 * and refilled, and a file replaced by a later layer.
 */
export function layeredImage(): { bundle: Bundle; tag: string } {
  const layers: RawEntry[][] = [
    [
      { name: 'etc/' },
      { name: 'etc/os-release', content: 'ID=stevedore\n' },
      { name: 'etc/motd', content: 'welcome\n' },
      { name: 'usr/' },
      { name: 'usr/bin/' },
      { name: 'usr/bin/tool', content: '#!/bin/sh\necho tool\n', mode: 0o755 },
      { name: 'usr/bin/tool-again', type: 'hardlink', linkpath: 'usr/bin/tool' },
      { name: 'bin', type: 'symlink', linkpath: 'usr/bin' },
      { name: 'var/' },
      { name: 'var/cache/' },
      { name: 'var/cache/old-1', content: 'old\n' },
      { name: 'var/cache/old-2', content: 'old\n' },
      { name: 'tmp/', mode: 0o777 },
    ],
    [
      { name: 'etc/' },
      { name: 'etc/.wh.motd', content: '' },
      { name: 'etc/hostname', content: 'box\n', mode: 0o600 },
      { name: 'var/' },
      { name: 'var/cache/' },
      { name: 'var/cache/.wh..wh..opq', content: '' },
      { name: 'var/cache/fresh', content: 'fresh\n' },
      { name: 'usr/' },
      { name: 'usr/bin/' },
      { name: 'usr/bin/sh-link', type: 'symlink', linkpath: '/usr/bin/tool' },
    ],
    [
      { name: 'etc/' },
      { name: 'etc/os-release', content: 'ID=stevedore\nVERSION=2\n' },
      { name: 'opt/' },
      { name: 'opt/app/' },
      { name: 'opt/app/data.bin', content: Buffer.alloc(300_000, 7) },
    ],
  ];
  const bundle = new Bundle();
  const compressed = layers.map((entries) => rawTarGz(entries));
  const layerDescriptors = compressed.map((bytes) => bundle.addBlob(MT.ociLayerTarGzip, bytes));
  const config = goJson({
    created: '2024-01-01T00:00:00Z',
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/bin/tool'] },
    rootfs: { type: 'layers', diff_ids: compressed.map((bytes) => sha256(gunzipSync(bytes))) },
    history: layers.map(() => ({ created: '2024-01-01T00:00:00Z', created_by: 'test' })),
  });
  const configDescriptor = bundle.addBlob(MT.ociConfig, utf8(config));
  packManifest(bundle, { config: configDescriptor, layers: layerDescriptors });
  return { bundle, tag: 'layered' };
}
