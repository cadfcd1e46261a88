import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Layout {
  dir: string;
  manifestDigest: string;
  manifestBytes: Buffer;
}

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Writes an OCI image layout by hand: one manifest with the given config and layer types, tagged `tag`. */
async function writeLayout(root: string, tag: string, configType: string, layerType: string, artifactType?: string): Promise<Layout> {
  const dir = join(root, `layout-${tag}`);
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const putBlob = async (bytes: Buffer): Promise<string> => {
    const digest = digestOf(bytes);
    await writeFile(join(blobs, digest.slice('sha256:'.length)), bytes);
    return digest;
  };
  const content = Buffer.from(`hello from ${tag}\n`);
  // Gzip layers for images: skopeo would otherwise compress an uncompressed layer and change the digests.
  const layer = layerType.endsWith('+gzip') ? gzipSync(content) : content;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(content)] } }));
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(artifactType ? { artifactType } : {}),
    config: { mediaType: configType, digest: await putBlob(config), size: config.length },
    layers: [{ mediaType: layerType, digest: await putBlob(layer), size: layer.length, annotations: { 'org.opencontainers.image.title': 'hello.txt' } }],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestDigest = await putBlob(manifestBytes);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: OCI_MANIFEST, digest: manifestDigest, size: manifestBytes.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
    }),
  );
  return { dir, manifestDigest, manifestBytes };
}

async function fetchManifest(registry: TestRegistry, repo: string, ref: string, authorization?: string): Promise<Response> {
  return fetch(`${registry.url}/v2/${repo}/manifests/${ref}`, {
    headers: { accept: OCI_MANIFEST, ...(authorization ? { authorization } : {}) },
  });
}

describe('skopeo against the test registry', () => {
  let work: string;
  beforeAll(async () => {
    work = await makeTempDir('skopeo');
  });
  afterAll(async () => {
    await removeTempDir(work);
  });

  it('copies a hand-built OCI layout into an anonymous registry, byte for byte', async () => {
    const registry = await startRegistry();
    try {
      const layout = await writeLayout(work, 'v1', 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.layer.v1.tar+gzip');
      await runCommand('skopeo', ['copy', '--preserve-digests', '--dest-tls-verify=false', `oci:${layout.dir}:v1`, `docker://${registry.host}/harness/image:v1`], {
        env: { ...process.env, HOME: work },
      });
      const res = await fetchManifest(registry, 'harness/image', 'v1');
      expect(res.status).toBe(200);
      expect(res.headers.get('docker-content-digest')).toBe(layout.manifestDigest);
      expect(Buffer.from(await res.arrayBuffer()).equals(layout.manifestBytes)).toBe(true);

      const tags = (await (await fetch(`${registry.url}/v2/harness/image/tags/list`)).json()) as { tags: string[] };
      expect(tags.tags).toEqual(['v1']);
    } finally {
      await registry.stop();
    }
  });

  it('pushes an artifact with custom types through token auth, with credentials in an auth file', async () => {
    const registry = await startRegistry({ auth: 'token' });
    try {
      const layout = await writeLayout(
        work,
        'art',
        'application/vnd.stevedore.test.config.v1+json',
        'application/vnd.stevedore.test.layer.v1.txt',
        'application/vnd.stevedore.test.artifact.v1',
      );
      const authFile = join(work, 'auth.json');
      const auth = Buffer.from(`alice:${registry.users.alice ?? ''}`).toString('base64');
      await writeFile(authFile, JSON.stringify({ auths: { [registry.host]: { auth } } }), { mode: 0o600 });
      await runCommand(
        'skopeo',
        ['copy', '--dest-tls-verify=false', '--dest-authfile', authFile, `oci:${layout.dir}:art`, `docker://${registry.host}/harness/artifact:art`],
        { env: { ...process.env, HOME: work } },
      );

      const tokens = registry.tokenServer;
      expect(tokens?.issued.some((t) => t.subject === 'alice' && t.access.some((a) => a.name === 'harness/artifact' && a.actions.includes('push')))).toBe(true);

      const tokenUrl = new URL(tokens?.realm ?? '');
      tokenUrl.searchParams.set('service', tokens?.service ?? '');
      tokenUrl.searchParams.set('scope', 'repository:harness/artifact:pull');
      const { token } = (await (await fetch(tokenUrl)).json()) as { token: string };
      const res = await fetchManifest(registry, 'harness/artifact', 'art', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('docker-content-digest')).toBe(layout.manifestDigest);
      expect(Buffer.from(await res.arrayBuffer()).equals(layout.manifestBytes)).toBe(true);
    } finally {
      await registry.stop();
    }
  });

  it('fails to push to a token registry with a wrong password', async () => {
    const registry = await startRegistry({ auth: 'token' });
    try {
      const layout = await writeLayout(work, 'denied', 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.layer.v1.tar+gzip');
      const authFile = join(work, 'auth-wrong.json');
      await writeFile(authFile, JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('alice:wrong').toString('base64') } } }), { mode: 0o600 });
      await expect(
        runCommand('skopeo', ['copy', '--dest-tls-verify=false', '--dest-authfile', authFile, `oci:${layout.dir}:denied`, `docker://${registry.host}/harness/denied:denied`], {
          env: { ...process.env, HOME: work },
        }),
      ).rejects.toThrow(/unauthorized|authentication required|401/i);
      expect((await fetch(`${registry.url}/v2/`)).status).toBe(401);
    } finally {
      await registry.stop();
    }
  });
});
