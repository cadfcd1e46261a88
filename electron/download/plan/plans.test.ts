import { describe, expect, it } from 'vitest';
import type { Descriptor, ImageManifest } from '../../oci/manifests/manifest-types';
import { planBlobs } from './plan-blobs';
import { planFiles } from './plan-files';
import { chartMeta, planHelm } from './plan-helm';
import { planOciLayout, planRootfs } from './plan-image';
import { artifactFolderName, digestFileName } from './plan-types';

const d = (n: number, extra: Partial<Descriptor> = {}): Descriptor => ({ mediaType: 'application/octet-stream', digest: `sha256:${String(n).repeat(64).slice(0, 64)}`, size: n * 10, ...extra });
const titled = (n: number, title: string, extra: Record<string, string> = {}) => d(n, { annotations: { 'org.opencontainers.image.title': title, ...extra } });
const manifest = (layers: Descriptor[], config = d(9)): ImageManifest => ({ schemaVersion: 2, config, layers });

describe('planFiles', () => {
  it('maps titles to files, packed folders to unpacks, untitled layers to their digest with a note', () => {
    const tarDigest = `sha256:${'a'.repeat(64)}`;
    const plan = planFiles(manifest([titled(1, 'a.txt'), d(2), titled(3, 'site', { 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': tarDigest })]));
    expect(plan.outputs).toEqual([
      { kind: 'blob', name: 'a.txt', descriptor: titled(1, 'a.txt') },
      { kind: 'blob', name: digestFileName(d(2).digest), descriptor: d(2) },
      { kind: 'unpack', name: 'site', descriptor: expect.objectContaining({ digest: d(3).digest }) as Descriptor, tarDigest },
    ]);
    expect(plan.notes).toEqual([expect.stringMatching(/1 layer had no file name .*oras pull would skip it/) as string]);
  });

  it('refuses unsafe and duplicate titles and a content digest that is not one', () => {
    const plan = planFiles(manifest([titled(1, '../x'), titled(2, 'C:\\x'), titled(3, 'ok'), titled(4, 'ok'), titled(5, 'd', { 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': '../../etc' })]));
    expect(plan.outputs.map((o) => o.name)).toEqual(['ok']);
    expect(plan.refused.map((r) => [r.name, r.reason])).toEqual([
      ['../x', expect.stringMatching(/goes up a folder/) as string],
      ['C:\\x', expect.stringMatching(/drive letter/) as string],
      ['ok', 'has the same title as an earlier layer'],
      ['d', expect.stringMatching(/not a sha256 digest/) as string],
    ]);
  });

  it('plans one file on its own', () => {
    expect(planFiles(manifest([titled(1, 'a.txt'), titled(2, 'b.txt')]), 'b.txt').outputs.map((o) => o.name)).toEqual(['b.txt']);
  });
});

describe('planHelm', () => {
  const chart = manifest([d(1, { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' }), d(2, { mediaType: 'application/vnd.cncf.helm.chart.provenance.v1.prov' })]);

  it('names the archive as helm pull does, and unpacks it for --untar', () => {
    const meta = chartMeta({ name: 'demo', version: '1.0.0+b1' });
    expect(planHelm(chart, meta, false).outputs.map((o) => [o.kind, o.name])).toEqual([['blob', 'demo-1.0.0+b1.tgz'], ['blob', 'demo-1.0.0+b1.tgz.prov']]);
    expect(planHelm(chart, meta, true).outputs.map((o) => [o.kind, o.name])).toEqual([['unpack', 'demo'], ['blob', 'demo-1.0.0+b1.tgz.prov']]);
  });

  it('refuses chart names and versions that cannot be file names', () => {
    expect(() => chartMeta({ name: '../evil', version: '1' })).toThrow(/cannot be a file name/);
    expect(() => chartMeta({ name: '..', version: '1' })).toThrow(/cannot be a file name/);
    expect(() => chartMeta({ name: 'ok', version: '1/../../x' })).toThrow(/version .* cannot be a file name/);
    expect(() => chartMeta({ version: '1' })).toThrow(/name/);
  });
});

describe('image plans', () => {
  it('lays out an OCI image layout with the exact manifest bytes and a ref.name', () => {
    const bytes = Buffer.from('{"schemaVersion":2}');
    const plan = planOciLayout('alpine-3', bytes, d(7, { mediaType: 'application/vnd.oci.image.manifest.v1+json' }), manifest([d(1), d(1)]), '3');
    const output = plan.outputs[0];
    if (output?.kind !== 'folder') throw new Error('expected a folder');
    expect(output.files.map((f) => f.path)).toEqual(['oci-layout', 'index.json', `blobs/sha256/${'7'.repeat(64)}`, `blobs/sha256/${'9'.repeat(64)}`, `blobs/sha256/${'1'.repeat(64)}`]);
    const index = output.files[1];
    expect(index && 'data' in index ? JSON.parse(index.data.toString()) : undefined).toMatchObject({ manifests: [{ digest: d(7).digest, annotations: { 'org.opencontainers.image.ref.name': '3' } }] });
  });

  it('checks layers against usable diff_ids only', () => {
    const layers = [d(1), d(2)];
    const good = planRootfs('x', manifest(layers), { rootfs: { diff_ids: [`sha256:${'b'.repeat(64)}`, `sha256:${'c'.repeat(64)}`] } });
    expect(good.outputs[0]).toMatchObject({ kind: 'rootfs', diffIds: [`sha256:${'b'.repeat(64)}`, `sha256:${'c'.repeat(64)}`] });
    const bad = planRootfs('x', manifest(layers), { rootfs: { diff_ids: ['nope'] } });
    expect(bad.outputs[0]).not.toHaveProperty('diffIds');
    expect(bad.notes[0]).toMatch(/no usable diff_ids/);
    expect(() => planRootfs('x', manifest([]), {})).toThrow(/no layers/);
  });
});

describe('planBlobs', () => {
  it('stores everything once by digest and says which is what', () => {
    const plan = planBlobs('x-blobs', { reference: 'v1', manifest: { descriptor: d(7), bytes: Buffer.from('{}') }, config: d(9), layers: [d(1), d(1)], children: [] });
    const output = plan.outputs[0];
    if (output?.kind !== 'folder') throw new Error('expected a folder');
    expect(output.files.map((f) => f.path)).toEqual([digestFileName(d(7).digest), digestFileName(d(9).digest), digestFileName(d(1).digest), 'manifest.json']);
    const summary = output.files.at(-1);
    expect(summary && 'data' in summary ? JSON.parse(summary.data.toString()) : undefined).toMatchObject({ reference: 'v1', config: { file: digestFileName(d(9).digest) } });
  });

  it('names folders after the repository and tag or short digest', () => {
    expect(artifactFolderName('library/alpine', '3.20')).toBe('alpine-3.20');
    expect(artifactFolderName('a/b', `sha256:${'f'.repeat(64)}`)).toBe(`b-${'f'.repeat(12)}`);
  });
});
