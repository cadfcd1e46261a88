import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { digestBytes } from '../../../electron/oci/blobs/digest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { readBlob } from '../../../electron/oci/blobs/read-blob';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

let registry: TestRegistry;
let dir: string;

beforeAll(async () => {
  registry = await startRegistry();
  dir = await makeTempDir('blobs-skopeo');
});
afterAll(async () => {
  await registry?.stop();
  await removeTempDir(dir);
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('blobs interoperate with skopeo', () => {
  it('skopeo copies an image whose blobs Stevedore uploaded, digests unchanged', async () => {
    const http = new RegistryClient({ baseUrl: registry.url });
    const repository = 'interop/ours';
    const layer = randomBytes(6 * 1024 * 1024);
    const layerUp = await uploadBlob(http, { repository, source: { data: layer }, monolithicLimit: 1024 * 1024, chunkSize: 2 * 1024 * 1024 });
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layerUp.digest] } }));
    const configUp = await uploadBlob(http, { repository, source: { data: config } });
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configUp.digest, size: config.byteLength },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerUp.digest, size: layer.byteLength }],
      }),
    );
    const put = await http.send({
      method: 'PUT',
      url: `/v2/${repository}/manifests/v1`,
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: () => manifest,
      scopes: [`repository:${repository}:pull,push`],
    });
    await put.body.dump();
    expect(put.statusCode).toBe(201);

    const layout = join(dir, 'layout');
    await runCommand('skopeo', ['copy', '--src-tls-verify=false', '--dest-oci-accept-uncompressed-layers', `docker://${registry.host}/${repository}:v1`, `oci:${layout}:v1`]);
    const blobs = await readdir(join(layout, 'blobs', 'sha256'));
    expect(blobs).toContain(layerUp.digest.slice('sha256:'.length));
    const copied = await readFile(join(layout, 'blobs', 'sha256', layerUp.digest.slice('sha256:'.length)));
    expect(`sha256:${sha256(copied)}`).toBe(layerUp.digest);
    expect(copied.equals(layer)).toBe(true);
  });

  // uses the layout the test above wrote (tests in a file run in order)
  it('downloads and reads blobs skopeo pushed', async () => {
    const layout = join(dir, 'layout');
    await runCommand('skopeo', ['copy', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${registry.host}/interop/theirs:v1`]);
    const http = new RegistryClient({ baseUrl: registry.url });
    const get = await http.send({
      method: 'GET',
      url: '/v2/interop/theirs/manifests/v1',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      scopes: ['repository:interop/theirs:pull'],
    });
    const manifest = JSON.parse(await get.body.text()) as { config: { digest: string; size: number }; layers: { digest: string; size: number }[] };
    const config = await readBlob(http, 'interop/theirs', manifest.config);
    expect(digestBytes(config)).toBe(manifest.config.digest);
    const layer = manifest.layers[0]!;
    const target = join(dir, 'theirs-layer');
    await downloadBlob(http, { repository: 'interop/theirs', descriptor: layer, targetPath: target });
    expect(`sha256:${sha256(await readFile(target))}`).toBe(layer.digest);
  });
});
