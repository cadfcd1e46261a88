import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishOptions } from '../../../shared/contract';
import type { KindId } from '../../../shared/artifacts/kinds';
import { buildOciImage } from '../../support/seed/image';
import { pushBundle } from '../../support/seed/push';
import { SeedHttp } from '../../support/seed/registry-http';
import { classified, manifestBytes, open, optionsFor, preview, publish, sh, skopeoDigest, usePublishEnv, type PublishEnv } from './publish-env';

const env = usePublishEnv('publish-kinds');
const at = (name: string) => join(env.dir, name);

/** Previews, publishes, and checks what landed: the registry holds exactly the previewed bytes, skopeo copies them unchanged. */
async function lands(e: PublishEnv, options: PublishOptions, kind: KindId) {
  const shown = await preview(e, options);
  expect(shown.problems).toEqual([]);
  const view = await publish(e, options);
  expect(view.error).toBeUndefined();
  expect(view.state).toBe('done');
  expect(view.result?.digest).toBe(shown.digest);
  const tag = shown.tags[0]!;
  const stored = await manifestBytes(e, shown.repository, tag);
  expect(stored.toString()).toBe(shown.manifest);
  expect(await skopeoDigest(e, shown.repository, tag)).toBe(shown.digest);
  expect(e.events.changed).toContainEqual({ registryId: 'local', repository: shown.repository });
  expect(e.notes.at(-1)).toEqual({ title: 'Published', body: `${shown.repository}:${tag} ${shown.digest}` });
  expect(await classified(e, shown.repository, tag)).toMatchObject({ kind, digest: shown.digest });
  return { view, shown, manifest: JSON.parse(shown.manifest) as Record<string, unknown> & { layers: { mediaType: string; annotations?: Record<string, string> }[]; config: { mediaType: string } } };
}

beforeAll(async () => {
  await writeFile(at('a.txt'), 'alpha\n');
  await writeFile(at('b.md'), '# beta\n');
  await mkdir(at('site/docs/empty'), { recursive: true });
  await writeFile(at('site/index.html'), '<h1>site</h1>\n');
  await writeFile(at('site/docs/guide.md'), 'guide\n');
  await symlink('index.html', at('site/home.html'));
  await mkdir(at('charts/demo/templates'), { recursive: true });
  await writeFile(at('charts/demo/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3+build.7\ndescription: A demo chart\nmaintainers:\n  - name: Ada\n    email: ada@example.com\n');
  await writeFile(at('charts/demo/values.yaml'), 'replicas: 1\n');
  await writeFile(at('charts/demo/templates/cm.yaml'), 'kind: ConfigMap\n');
  await writeFile(at('charts/demo/.helmignore'), '# editor files\n*.tmp\n');
  await writeFile(at('charts/demo/scratch.tmp'), 'not for the chart\n');
  await sh('tar -czf demo-1.2.3.tgz demo && printf -- "-----BEGIN PGP SIGNED MESSAGE-----\\nHash: SHA512\\n\\nx\\n" > demo-1.2.3.tgz.prov', at('charts'));
  await writeFile(at('hello.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0]));
  await writeFile(at('sbom.spdx.json'), JSON.stringify({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'demo', packages: [] }));
  await mkdir(at('policy'), { recursive: true });
  await writeFile(at('policy/deny.rego'), 'package main\n\ndeny[msg] { false; msg := "x" }\n');
  await writeFile(at('policy/data.json'), '{"allowed":["a"]}');
  await writeFile(at('volume-config.json'), '{"driver":"local"}');
  await writeFile(at('model.bin'), Buffer.alloc(4096, 7));
});

describe('each kind lands in the real registry as previewed, and skopeo copies it with the same digest', () => {
  it('files: ORAS layout, through the drop allow-list', async () => {
    const draft = await open(env, env.drop([at('a.txt'), at('b.md')]));
    expect(draft.detected.kind).toBe('files');
    const { manifest, view } = await lands(env, optionsFor(draft, { repository: 'kinds/files', tags: ['v1', 'latest'], mediaTypes: { e1: 'text/markdown' } }), 'other');
    expect(view.title).toBe(`Publish 2 files to ${env.registry.host}/kinds/files:v1 (+1 tags)`);
    expect(view.result).toMatchObject({ reference: `${env.registry.host}/kinds/files@${view.result!.digest}`, tags: ['v1', 'latest'] });
    expect(manifest.artifactType).toBe('application/vnd.unknown.artifact.v1');
    expect(manifest.layers.map((l) => [l.mediaType, l.annotations?.['org.opencontainers.image.title']])).toEqual([
      ['application/vnd.oci.image.layer.v1.tar', 'a.txt'],
      ['text/markdown', 'b.md'],
    ]);
    expect((await manifestBytes(env, 'kinds/files', 'latest')).equals(await manifestBytes(env, 'kinds/files', 'v1'))).toBe(true);
  });

  it('folder: one tar+gzip layer with the content digest and unpack flag (nested, an empty folder, a symlink kept as a link)', async () => {
    const draft = await open(env, env.drop([at('site')]));
    expect(draft.detected.kind).toBe('folder');
    expect(draft.warnings.join(' ')).toMatch(/1 symbolic link is stored as a link/);
    const { manifest } = await lands(env, optionsFor(draft, { repository: 'kinds/folder' }), 'other');
    const layer = manifest.layers[0]!;
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(layer.annotations).toMatchObject({ 'org.opencontainers.image.title': 'site', 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': expect.stringMatching(/^sha256:[a-f0-9]{64}$/) });
  });

  it('helm: a chart .tgz with its .prov goes to <repository>/<name>:<version with _>, Helm\'s config and annotations', async () => {
    const draft = await open(env, env.drop([at('charts/demo-1.2.3.tgz'), at('charts/demo-1.2.3.tgz.prov')]));
    expect(draft.detected.kind).toBe('helm');
    expect(draft.suggestion).toMatchObject({ repository: 'demo', tags: ['1.2.3_build.7'] });
    const { shown, manifest } = await lands(env, optionsFor(draft, { repository: 'kinds', tags: [], created: { mode: 'pinned', value: '2024-01-01T00:00:00Z' } }), 'helm-chart');
    expect(shown.repository).toBe('kinds/demo');
    expect(shown.tags).toEqual(['1.2.3_build.7']);
    expect(manifest.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    expect(manifest.layers.map((l) => l.mediaType).sort()).toEqual(['application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'application/vnd.cncf.helm.chart.provenance.v1.prov']);
    expect(manifest.annotations).toEqual({
      'org.opencontainers.image.authors': 'Ada (ada@example.com)',
      'org.opencontainers.image.created': '2024-01-01T00:00:00Z',
      'org.opencontainers.image.description': 'A demo chart',
      'org.opencontainers.image.title': 'demo',
      'org.opencontainers.image.version': '1.2.3+build.7',
    });
    const repo = await env.catalog.repositoryFor('local', 'kinds/demo');
    const config = await repo.blobs().fetch({ digest: shown.config.digest, size: shown.config.size, mediaType: shown.config.mediaType });
    const chunks: Buffer[] = [];
    for await (const c of config) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('{"name":"demo","version":"1.2.3+build.7","description":"A demo chart","maintainers":[{"name":"Ada","email":"ada@example.com"}],"apiVersion":"v2"}');
    const details = await env.catalog.handlers['catalog.details']({ registryId: 'local', repository: 'kinds/demo', reference: shown.tags[0]! }, { signal: new AbortController().signal });
    expect(details.helm).toMatchObject({ chart: { name: 'demo' }, valuesYaml: 'replicas: 1\n', hasProvenance: true });
  });

  it('helm: a chart folder is packaged as <name>/… inside a .tgz, .helmignore applied', async () => {
    const draft = await open(env, env.drop([at('charts/demo')]));
    expect(draft.detected.kind).toBe('helm');
    const { shown } = await lands(env, optionsFor(draft, { repository: 'folders', tags: [] }), 'helm-chart');
    expect(shown.repository).toBe('folders/demo');
    const details = await env.catalog.handlers['catalog.details']({ registryId: 'local', repository: 'folders/demo', reference: shown.tags[0]! }, { signal: new AbortController().signal });
    expect(details.helm).toMatchObject({ chart: { name: 'demo', version: '1.2.3+build.7' }, valuesYaml: 'replicas: 1\n', hasProvenance: false });
    const chart = shown.layers.find((l) => l.mediaType === 'application/vnd.cncf.helm.chart.content.v1.tar+gzip')!;
    expect(chart.name).toBe('demo-1.2.3_build.7.tgz');
    const repo = await env.catalog.repositoryFor('local', 'folders/demo');
    await repo.blobs().fetchTo({ digest: chart.digest, size: chart.size, mediaType: chart.mediaType }, at('pulled-chart.tgz'));
    const listing = await sh('tar -tzf pulled-chart.tgz', env.dir);
    expect(listing.trim().split('\n')).toEqual(['demo/.helmignore', 'demo/Chart.yaml', 'demo/templates/cm.yaml', 'demo/values.yaml']);
  });

  it('volume, both forms', async () => {
    const first = await open(env, env.drop([at('a.txt')]));
    const { manifest } = await lands(env, optionsFor(first, { repository: 'kinds/volume', kind: 'volume', tags: ['artifact-type'] }), 'docker-volume');
    expect(manifest.artifactType).toBe('application/vnd.docker.volume.v1+tar.gz');
    const second = await open(env, env.drop([at('volume-config.json'), at('b.md')]));
    const configId = second.entries.find((e) => e.name === 'volume-config.json')!.id;
    const { manifest: configForm } = await lands(env, optionsFor(second, { repository: 'kinds/volume', kind: 'volume', volumeForm: 'config', configEntryId: configId, tags: ['config'] }), 'docker-volume');
    expect(configForm.artifactType).toBeUndefined();
    expect(configForm.config.mediaType).toBe('application/vnd.docker.volume.v1+tar.gz');
    expect(configForm.layers).toHaveLength(1);
  });

  it('wasm: the CNCF layout', async () => {
    const draft = await open(env, env.drop([at('hello.wasm')]));
    expect(draft.detected.kind).toBe('wasm');
    const { manifest } = await lands(env, optionsFor(draft, { repository: 'kinds/wasm' }), 'wasm');
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.layers[0]!.mediaType).toBe('application/wasm');
  });

  it('sbom: SPDX detected by content, attached to a container image (pushed by skopeo) as a referrer, findable through the tag schema', async () => {
    const image = buildOciImage({
      platform: { architecture: 'amd64', os: 'linux' },
      created: '2024-01-01T00:00:00Z',
      files: [{ path: 'hello.txt', content: 'hello\n' }],
      entrypoint: ['/hello'],
      cmd: [],
      env: [],
      exposedPorts: [],
      labels: {},
    });
    const http = new SeedHttp(env.registry.host);
    try {
      await pushBundle({ host: env.registry.host, http }, image.bundle, 'kinds/attach', 'base', 'skopeo');
    } finally {
      await http.close();
    }
    const subject = image.manifest;
    const draft = await open(env, env.drop([at('sbom.spdx.json')]), { registryId: 'local', repository: 'kinds/attach', subject: subject.digest });
    expect(draft.detected).toMatchObject({ kind: 'sbom' });
    const { shown, manifest } = await lands(env, optionsFor(draft, { repository: 'kinds/attach', subject: subject.digest, tags: ['sbom'] }), 'sbom');
    expect(manifest.artifactType).toBe('application/spdx+json');
    expect(manifest.subject).toEqual({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject.digest, size: subject.size });
    const repo = await env.catalog.repositoryFor('local', 'kinds/attach');
    const referrers = await repo.referrers(subject.digest);
    expect(referrers.map((r) => [r.digest, r.artifactType])).toContainEqual([shown.digest, 'application/spdx+json']);
    expect(await repo.manifests().exists(`sha256-${subject.digest.slice('sha256:'.length)}`)).toBe(true);
  });

  it('opa: a folder of policies, one layer per file', async () => {
    const draft = await open(env, env.drop([at('policy')]));
    expect(draft.detected.kind).toBe('opa');
    const { manifest } = await lands(env, optionsFor(draft, { repository: 'kinds/opa' }), 'opa');
    expect(manifest.config.mediaType).toBe('application/vnd.cncf.openpolicyagent.config.v1+json');
    expect(manifest.layers.map((l) => [l.mediaType, l.annotations?.['org.opencontainers.image.title']])).toEqual([
      ['application/vnd.cncf.openpolicyagent.data.layer.v1+json', 'policy/data.json'],
      ['application/vnd.cncf.openpolicyagent.policy.layer.v1+rego', 'policy/deny.rego'],
    ]);
  });

  it('custom: typed artifactType, config media type and config file, from a web-mode staged upload', async () => {
    env.staged.set('up1', { id: 'up1', name: 'model.bin', type: 'file', path: at('model.bin') });
    env.staged.set('up2', { id: 'up2', name: 'volume-config.json', type: 'file', path: at('volume-config.json') });
    const draft = await open(env, [{ type: 'staged', id: 'up1' }, { type: 'staged', id: 'up2' }]);
    const config = draft.entries.find((e) => e.name === 'volume-config.json')!;
    const { manifest } = await lands(
      env,
      optionsFor(draft, { repository: 'kinds/custom', kind: 'custom', artifactType: 'application/vnd.example.model.v1', configMediaType: 'application/vnd.example.model.config.v1+json', configEntryId: config.id }),
      'other',
    );
    expect(manifest.artifactType).toBe('application/vnd.example.model.v1');
    expect(manifest.config.mediaType).toBe('application/vnd.example.model.config.v1+json');
  });
});
