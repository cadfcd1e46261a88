import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries } from '../drafts/build-entries';
import { detectKind } from './detect-kind';
import { inspectTarball } from './inspect-tarball';
import { sniffFile } from './sniff-file';

let dir: string;
const at = (name: string) => join(dir, name);
const root = (name: string, type: 'file' | 'directory' = 'file') => ({ name, path: at(name), type });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publish-detect-'));
  await mkdir(at('chart/demo/templates'), { recursive: true });
  await writeFile(at('chart/demo/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  await writeFile(at('chart/demo/templates/cm.yaml'), 'kind: ConfigMap\n');
  execFileSync('tar', ['-czf', at('demo-0.1.0.tgz'), '-C', at('chart'), 'demo']);
  await mkdir(at('plain/x'), { recursive: true });
  await writeFile(at('plain/x/readme.md'), '# x\n');
  execFileSync('tar', ['-czf', at('plain.tgz'), '-C', at('plain'), 'x']);
  await mkdir(at('bundle'), { recursive: true });
  await writeFile(at('bundle/.manifest'), '{"revision":"1"}');
  await writeFile(at('bundle/data.json'), '{}');
  execFileSync('tar', ['-czf', at('bundle.tar.gz'), '-C', at('bundle'), '.manifest', 'data.json']);
  await writeFile(at('sbom.spdx.json'), JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x' }));
  await writeFile(at('bom.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5' }, null, 2));
  await writeFile(at('hello.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(at('deny.rego'), 'package main\n');
  await writeFile(at('notes.txt'), 'hello\n');
  await writeFile(at('bomb.tgz'), execFileSync('sh', ['-c', 'head -c 3000000 /dev/zero | gzip -c']));
  await mkdir(at('site/sub'), { recursive: true });
  await writeFile(at('site/sub/a.txt'), 'a');
  await mkdir(at('mychart'), { recursive: true });
  await writeFile(at('mychart/Chart.yaml'), 'name: mychart\nversion: 1.0.0\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sniffFile: content first, then names', () => {
  it('recognises each kind', async () => {
    expect(await sniffFile(at('demo-0.1.0.tgz'), 'demo-0.1.0.tgz')).toBe('helm-chart');
    expect(await sniffFile(at('plain.tgz'), 'plain.tgz')).toBe('tgz');
    expect(await sniffFile(at('bundle.tar.gz'), 'bundle.tar.gz')).toBe('opa-bundle');
    expect(await sniffFile(at('sbom.spdx.json'), 'sbom.spdx.json')).toBe('spdx');
    expect(await sniffFile(at('bom.json'), 'bom.json')).toBe('cyclonedx');
    expect(await sniffFile(at('hello.wasm'), 'renamed.bin')).toBe('wasm');
    expect(await sniffFile(at('deny.rego'), 'deny.rego')).toBe('rego');
    expect(await sniffFile(at('notes.txt'), 'notes.txt')).toBe('text');
  });

  it('a truncated archive and one that is not gzip are named as such', async () => {
    const whole = await readFile(at('demo-0.1.0.tgz'));
    await writeFile(at('cut.tgz'), whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(inspectTarball(at('cut.tgz'), 'cut.tgz', () => true)).rejects.toThrow('cut.tgz cannot be read as a .tgz archive: it ends early (a truncated download or copy?).');
    await writeFile(at('fake.tgz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(64, 0xff)]));
    await expect(inspectTarball(at('fake.tgz'), 'fake.tgz', () => true)).rejects.toThrow('fake.tgz cannot be read as a .tgz archive: it is not valid gzip data.');
  });

  it('a gzip bomb stops at the cap with a message naming the file', async () => {
    await expect(inspectTarball(at('bomb.tgz'), 'bomb.tgz', () => false, { maxCompressedBytes: 1e6, maxUncompressedBytes: 1e6, maxFileBytes: 1e3, maxEntries: 10 })).rejects.toThrow(
      'bomb.tgz cannot be read as a .tgz archive: it expands past 1 MiB (a decompression bomb?).',
    );
  });
});

describe('detectKind', () => {
  it('helm (archive and folder), wasm, sbom, opa, folder, files, each with its reason', async () => {
    const kindOf = async (...roots: { name: string; path: string; type: 'file' | 'directory' }[]) => detectKind(await buildEntries(roots));
    expect(await kindOf(root('demo-0.1.0.tgz'))).toMatchObject({ kind: 'helm', reason: expect.stringContaining('chart archive') });
    expect(await kindOf(root('mychart', 'directory'))).toMatchObject({ kind: 'helm', reason: expect.stringContaining('Chart.yaml') });
    expect(await kindOf(root('hello.wasm'))).toMatchObject({ kind: 'wasm' });
    expect(await kindOf(root('sbom.spdx.json'))).toMatchObject({ kind: 'sbom', reason: expect.stringContaining('SPDX') });
    expect(await kindOf(root('bom.json'))).toMatchObject({ kind: 'sbom', reason: expect.stringContaining('CycloneDX') });
    expect(await kindOf(root('bundle.tar.gz'))).toMatchObject({ kind: 'opa' });
    expect(await kindOf(root('deny.rego'))).toMatchObject({ kind: 'opa' });
    expect(await kindOf(root('site', 'directory'))).toMatchObject({ kind: 'folder' });
    expect(await kindOf(root('notes.txt'), root('plain.tgz'))).toMatchObject({ kind: 'files' });
  });

  it('media types: the owning tool\'s for known content, ORAS\'s default otherwise', async () => {
    const entries = await buildEntries([root('notes.txt'), root('sbom.spdx.json'), root('hello.wasm'), root('site', 'directory')]);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.mediaType]))).toEqual({
      'hello.wasm': 'application/wasm',
      'notes.txt': 'application/vnd.oci.image.layer.v1.tar',
      'sbom.spdx.json': 'application/spdx+json',
      site: 'application/vnd.oci.image.layer.v1.tar+gzip',
    });
    expect(entries.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3']);
  });
});
