import { describe, expect, it } from 'vitest';
import { canonicalManifest } from '../../oci/manifests/canonical-json';
import { blobOf, extrasOf, optionsOf } from './test-fixtures';
import { packFiles } from './pack-files';

const EMPTY = '{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="}';

describe('packFiles (oras push of files and folders)', () => {
  const a = blobOf('e0', 'a.txt', 'hello\n');
  const b = blobOf('e1', 'b <&>.md', '# b\n', { mediaType: 'text/markdown' });

  it('writes the manifest byte for byte as oras push does: one titled layer per file, empty config with data, unknown artifactType', () => {
    const { manifest, blobs, problems } = packFiles({ options: optionsOf(), blobs: [a, b], extras: extrasOf({ created: '2024-01-02T03:04:05Z' }) });
    expect(problems).toEqual([]);
    expect(canonicalManifest(manifest).toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.unknown.artifact.v1",' +
        `"config":${EMPTY},"layers":[` +
        `{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"${a.digest}","size":6,"annotations":{"org.opencontainers.image.title":"a.txt"}},` +
        `{"mediaType":"text/markdown","digest":"${b.digest}","size":4,"annotations":{"org.opencontainers.image.title":"b \\u003c\\u0026\\u003e.md"}}],` +
        '"annotations":{"org.opencontainers.image.created":"2024-01-02T03:04:05Z"}}',
    );
    expect(blobs.map((x) => x.name)).toEqual(['config', 'a.txt', 'b <&>.md']);
    expect(blobs[0]!.source).toMatchObject({ digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' });
    expect(Buffer.from((blobs[0]!.source as { data: Uint8Array }).data).toString()).toBe('{}');
  });

  it('an artifact with no files has one empty-descriptor layer', () => {
    const { manifest, blobs } = packFiles({ options: optionsOf(), blobs: [], extras: extrasOf() });
    expect(canonicalManifest(manifest).toString()).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.unknown.artifact.v1","config":${EMPTY},"layers":[${EMPTY}]}`,
    );
    expect(blobs).toHaveLength(1);
  });

  it('keeps a named artifactType, user annotations sorted, the user\'s own created, and the subject after the layers', () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 10 };
    const { manifest } = packFiles({
      options: optionsOf({ artifactType: 'application/vnd.example.doc.v1' }),
      blobs: [a],
      extras: extrasOf({ created: '2024-01-01T00:00:00Z', annotations: { zeta: '1', 'org.opencontainers.image.created': '2020-01-01T00:00:00Z', alpha: '2' }, subject }),
    });
    const json = canonicalManifest(manifest).toString();
    expect(json).toContain('"artifactType":"application/vnd.example.doc.v1"');
    expect(json).toMatch(/"layers":\[.*\],"subject":\{"mediaType":"application\/vnd.oci.image.manifest.v1\+json","digest":"sha256:a+","size":10\},"annotations":\{"alpha":"2","org.opencontainers.image.created":"2020-01-01T00:00:00Z","zeta":"1"\}\}$/);
  });

  it('a folder layer carries its title, uncompressed digest and unpack flag', () => {
    const folder = blobOf('e0', 'site', 'gz-bytes', { type: 'directory', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', annotations: { 'io.deis.oras.content.digest': `sha256:${'b'.repeat(64)}`, 'io.deis.oras.content.unpack': 'true' } });
    const { manifest, problems } = packFiles({ options: optionsOf({ kind: 'folder' }), blobs: [folder], extras: extrasOf() });
    expect(problems).toEqual([]);
    expect(manifest.layers[0]).toEqual({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: folder.digest,
      size: folder.size,
      annotations: { 'org.opencontainers.image.title': 'site', 'io.deis.oras.content.digest': `sha256:${'b'.repeat(64)}`, 'io.deis.oras.content.unpack': 'true' },
    });
  });

  it('the folder kind refuses anything but exactly one folder', () => {
    expect(packFiles({ options: optionsOf({ kind: 'folder' }), blobs: [a], extras: extrasOf() }).problems[0]).toMatch(/exactly one folder/);
  });

  it('with created off, the same files give the same digest every time; created on changes it', () => {
    const once = canonicalManifest(packFiles({ options: optionsOf(), blobs: [a, b], extras: extrasOf() }).manifest);
    const twice = canonicalManifest(packFiles({ options: optionsOf(), blobs: [blobOf('e0', 'a.txt', 'hello\n'), b], extras: extrasOf() }).manifest);
    expect(twice.equals(once)).toBe(true);
    const dated = canonicalManifest(packFiles({ options: optionsOf(), blobs: [a, b], extras: extrasOf({ created: '2024-01-01T00:00:00Z' }) }).manifest);
    expect(dated.equals(once)).toBe(false);
  });

  it('two files with the same content are one blob to push', () => {
    const { manifest, blobs } = packFiles({ options: optionsOf(), blobs: [a, blobOf('e1', 'copy.txt', 'hello\n')], extras: extrasOf() });
    expect(manifest.layers).toHaveLength(2);
    expect(blobs).toHaveLength(2);
  });
});
