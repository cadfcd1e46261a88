import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TINY_WASM, announcementVolume } from '../../support/seed/artifacts';
import { sha256Digest, utf8 } from '../../support/seed/content';
import { goJson, orderManifest } from '../../support/seed/go-json';
import { chartArchive } from '../../support/seed/helm';
import { EMPTY_DIGEST, MT } from '../../support/seed/media-types';
import { gzip, tar } from '../../support/seed/tar';

const run = promisify(execFile);

describe('seed content, checked with real tools', () => {
  it('writes chart archives that GNU tar lists and extracts with the files helm package puts in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-tar-'));
    try {
      const archive = chartArchive({ name: 'demo', version: '0.1.0', appVersion: '1.0', description: 'd', created: '2024-05-01T12:00:00Z' });
      await writeFile(join(dir, 'demo-0.1.0.tgz'), archive.bytes);
      const { stdout } = await run('tar', ['-tzf', join(dir, 'demo-0.1.0.tgz')]);
      expect(stdout.trim().split('\n')).toEqual(['demo/Chart.yaml', 'demo/values.yaml', 'demo/README.md', 'demo/templates/deployment.yaml']);
      await run('tar', ['-xzf', join(dir, 'demo-0.1.0.tgz'), '-C', dir]);
      expect(await readFile(join(dir, 'demo', 'Chart.yaml'), 'utf8')).toMatch(/^apiVersion: v2\nname: demo\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes directories, modes and files longer than one block that GNU tar reads back byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-tar-'));
    try {
      const big = 'x'.repeat(1300);
      await writeFile(join(dir, 'a.tar.gz'), gzip(tar([{ path: 'd/' }, { path: 'd/big.txt', content: big }, { path: 'd/run.sh', content: '#!/bin/sh\n', mode: 0o755 }])));
      const { stdout } = await run('tar', ['-tvzf', join(dir, 'a.tar.gz')]);
      expect(stdout).toMatch(/^drwxr-xr-x .* d\/$/m);
      expect(stdout).toMatch(/^-rwxr-xr-x .* d\/run\.sh$/m);
      await run('tar', ['-xzf', join(dir, 'a.tar.gz'), '-C', dir]);
      expect(await readFile(join(dir, 'd', 'big.txt'), 'utf8')).toBe(big);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the same archive bytes every time, so digests repeat', () => {
    const entries = [{ path: 'f.txt', content: 'same' }];
    expect(sha256Digest(gzip(tar(entries)))).toBe(sha256Digest(gzip(tar(entries))));
  });

  it('seeds a Wasm module that the engine accepts', () => {
    // lib ES2023 has no WebAssembly typings; the Node runtime has the engine.
    const engine = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    expect(engine.validate(TINY_WASM)).toBe(true);
  });

  it('serialises like Go: struct order, sorted annotations, HTML characters escaped, empty fields omitted', () => {
    const manifest = orderManifest({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      config: { mediaType: MT.empty, digest: EMPTY_DIGEST, size: 2, annotations: {} },
      layers: [],
      annotations: { 'z.key': 'a<b>&c', 'a.key': 'first' },
    });
    expect(goJson(manifest)).toBe(
      `{"schemaVersion":2,"mediaType":"${MT.ociManifest}","config":{"mediaType":"${MT.empty}","digest":"${EMPTY_DIGEST}","size":2},"layers":[],"annotations":{"a.key":"first","z.key":"a\\u003cb\\u003e\\u0026c"}}`,
    );
    expect(sha256Digest(utf8('{}'))).toBe(EMPTY_DIGEST);
  });

  it('writes the announcement volume with the exact oras 1.x field order', () => {
    const volume = announcementVolume('2024-05-01T12:00:00Z');
    const text = Buffer.from(volume.bundle.root.bytes).toString('utf8');
    expect(text).toMatch(/^\{"schemaVersion":2,"mediaType":"application\/vnd\.oci\.image\.manifest\.v1\+json","config":\{"mediaType":"application\/vnd\.docker\.volume\.v1\+tar\.gz","digest":"sha256:[0-9a-f]{64}","size":28\},"layers":\[\{"mediaType":"text\/plain","digest":"sha256:[0-9a-f]{64}","size":4,"annotations":\{"org\.opencontainers\.image\.title":"foo\.txt"\}\}\],"annotations":\{"org\.opencontainers\.image\.created":"2024-05-01T12:00:00Z"\}\}$/);
  });
});
