import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createReadStream } from 'node:fs';
import { downloadBlob } from '../../electron/oci/blobs/download-blob';
import { uploadBlob } from '../../electron/oci/blobs/upload-blob';
import { RegistryClient } from '../../electron/oci/client/registry-client';
import { ManifestStore } from '../../electron/oci/manifests/manifest-store';
import { TransferScheduler } from '../../electron/oci/scheduler/transfer-scheduler';
import type { Descriptor } from '../../electron/oci/manifests/manifest-types';
import { imageConfig, OCI_CONFIG, OCI_LAYER, OCI_MANIFEST, type BlobFile } from './fixtures';

/** What a measuring child process is asked to do: only one side of one comparison. */
export type Job =
  | { kind: 'stevedore-push'; baseUrl: string; repository: string; path: string }
  | { kind: 'floor-push'; baseUrl: string; repository: string; blob: BlobFile }
  | { kind: 'stevedore-pull'; baseUrl: string; repository: string; digest: string; size: number; targetPath: string }
  | { kind: 'stevedore-push-many'; baseUrl: string; repository: string; tag: string; layers: BlobFile[]; concurrency: number }
  | { kind: 'stevedore-pull-many'; baseUrl: string; repository: string; tag: string; dir: string; concurrency: number }
  | { kind: 'floor-pull-many'; baseUrl: string; repository: string; tag: string; concurrency: number };

/**
 * Stevedore's "natural" concurrency: its dispatcher's default connection cap per registry
 * (transport/dispatcher.ts), used as the scheduler's per-registry limit.
 */
export const NATURAL_CONCURRENCY = 8;

/** Runs the job and returns a short check of what it did (so a silent no-op cannot pass as fast). */
export async function runJob(job: Job): Promise<string> {
  switch (job.kind) {
    case 'stevedore-push': {
      const http = new RegistryClient({ baseUrl: job.baseUrl });
      const result = await uploadBlob(http, { repository: job.repository, source: { path: job.path } });
      if (result.outcome !== 'uploaded') throw new Error(`expected an upload, got ${result.outcome}`);
      return result.digest;
    }
    case 'floor-push':
      return floorPush(job.baseUrl, job.repository, job.blob);
    case 'stevedore-pull': {
      const http = new RegistryClient({ baseUrl: job.baseUrl });
      const result = await downloadBlob(http, { repository: job.repository, descriptor: { digest: job.digest, size: job.size }, targetPath: job.targetPath });
      return result.digest;
    }
    case 'stevedore-push-many':
      return pushMany(job);
    case 'stevedore-pull-many':
      return pullMany(job);
    case 'floor-pull-many':
      return floorPullMany(job);
  }
}

/** The floor: one POST and one monolithic PUT streaming the file, digest known in advance, no hashing. */
async function floorPush(baseUrl: string, repository: string, blob: BlobFile): Promise<string> {
  const dispatcher = new Agent({ connections: 1 });
  try {
    const started = await dispatcher.request({ origin: baseUrl, path: `/v2/${repository}/blobs/uploads/`, method: 'POST', headers: { 'content-length': '0' } });
    await started.body.dump();
    const location = started.headers.location;
    if (started.statusCode !== 202 || typeof location !== 'string') throw new Error(`POST upload answered ${started.statusCode}`);
    const url = new URL(location, baseUrl);
    url.searchParams.set('digest', blob.digest);
    const put = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      body: createReadStream(blob.path),
    });
    await put.body.dump();
    if (put.statusCode !== 201) throw new Error(`PUT upload answered ${put.statusCode}`);
    return String(put.headers['docker-content-digest']);
  } finally {
    await dispatcher.close();
  }
}

async function pushMany(job: Extract<Job, { kind: 'stevedore-push-many' }>): Promise<string> {
  const http = new RegistryClient({ baseUrl: job.baseUrl, connections: job.concurrency });
  const scheduler = new TransferScheduler({ maxConcurrent: job.concurrency, maxPerHost: job.concurrency });
  const host = new URL(job.baseUrl).host;
  const config = Buffer.from(JSON.stringify(imageConfig(job.layers)));
  const [configResult, ...layerResults] = await Promise.all([
    scheduler.run({ host }, (signal) => uploadBlob(http, { repository: job.repository, source: { data: config }, signal })),
    ...job.layers.map((layer) => scheduler.run({ host }, (signal) => uploadBlob(http, { repository: job.repository, source: { path: layer.path }, signal }))),
  ]);
  if (!configResult || layerResults.some((result) => result.outcome !== 'uploaded')) throw new Error('a blob was not uploaded');
  const manifest = {
    schemaVersion: 2 as const,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: configResult.digest, size: configResult.size },
    layers: layerResults.map((result) => ({ mediaType: OCI_LAYER, digest: result.digest, size: result.size })),
  };
  const pushed = await new ManifestStore(http, job.repository).pushManifest(manifest, job.tag);
  return `${layerResults.length} layers, ${pushed.digest}`;
}

async function pullMany(job: Extract<Job, { kind: 'stevedore-pull-many' }>): Promise<string> {
  const http = new RegistryClient({ baseUrl: job.baseUrl, connections: job.concurrency });
  const scheduler = new TransferScheduler({ maxConcurrent: job.concurrency, maxPerHost: job.concurrency });
  const host = new URL(job.baseUrl).host;
  const fetched = await new ManifestStore(http, job.repository).fetch(job.tag);
  if (fetched.parsed.kind !== 'manifest') throw new Error('expected an image manifest');
  const { config, layers } = fetched.parsed.manifest;
  const blobs = join(job.dir, 'blobs');
  await mkdir(blobs, { recursive: true });
  const wanted: Descriptor[] = [config, ...layers];
  await Promise.all(
    wanted.map((descriptor) =>
      scheduler.run({ host }, (signal) =>
        downloadBlob(http, { repository: job.repository, descriptor, targetPath: join(blobs, descriptor.digest.replace(':', '-')), signal }),
      ),
    ),
  );
  return `${wanted.length} blobs`;
}

/**
 * The small-blob pull floor: bare undici at the same concurrency GETs the manifest and every blob
 * and reads each body to the end — no verification, no file, no sync. What the registry can serve.
 */
async function floorPullMany(job: Extract<Job, { kind: 'floor-pull-many' }>): Promise<string> {
  const dispatcher = new Agent({ connections: job.concurrency });
  try {
    const get = async (path: string, accept: string): Promise<Buffer> => {
      const response = await dispatcher.request({ origin: job.baseUrl, path, method: 'GET', headers: { accept } });
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}`);
      return body;
    };
    const manifest = JSON.parse((await get(`/v2/${job.repository}/manifests/${job.tag}`, OCI_MANIFEST)).toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
    const queue: Descriptor[] = [manifest.config, ...manifest.layers];
    let bytes = 0;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) bytes += (await get(`/v2/${job.repository}/blobs/${next.digest}`, '*/*')).byteLength;
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    return `${manifest.layers.length + 1} blobs, ${bytes} bytes`;
  } finally {
    await dispatcher.close();
  }
}
