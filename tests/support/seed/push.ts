import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from './content';
import { writeDirLayout } from './dir-layout';
import { MT } from './media-types';
import { writeOciLayout } from './oci-layout';
import type { SeedHttp } from './registry-http';
import { skopeoPush, skopeoPushDir } from './skopeo';

export type PushRoute = 'skopeo' | 'http';

export interface PushTarget {
  host: string;
  http: SeedHttp;
  signal?: AbortSignal;
}

/** Blobs first, then manifests children-first; the root by tag when it has one, else by digest. */
async function pushOverHttp(target: PushTarget, bundle: Bundle, repo: string, tag: string | undefined): Promise<void> {
  for (const blob of bundle.blobs.values()) {
    if (!(await target.http.blobExists(repo, blob.digest, target.signal))) {
      await target.http.pushBlob(repo, blob.digest, blob.bytes, target.signal);
    }
  }
  const root = bundle.root;
  for (const m of bundle.manifests) {
    const reference = m === root && tag ? tag : m.descriptor.digest;
    await target.http.putManifest(repo, reference, m.descriptor.mediaType, m.bytes, target.signal);
  }
}

async function pushWithSkopeo(target: PushTarget, bundle: Bundle, repo: string, tag: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-seed-layout-'));
  try {
    if (bundle.root.descriptor.mediaType === MT.dockerManifest) {
      await writeDirLayout(dir, bundle);
      await skopeoPushDir(dir, target.host, repo, tag, target.signal);
    } else {
      await writeOciLayout(dir, bundle, tag);
      await skopeoPush(dir, tag, target.host, repo, target.signal);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Pushes a bundle and checks that the registry stores the root under the expected digest: a
 * seed that silently changed a manifest would make every later assertion meaningless.
 */
export async function pushBundle(target: PushTarget, bundle: Bundle, repo: string, tag: string | undefined, route: PushRoute): Promise<void> {
  if (route === 'skopeo') {
    if (!tag) throw new Error(`skopeo needs a tag to push into ${repo}`);
    await pushWithSkopeo(target, bundle, repo, tag);
  } else {
    await pushOverHttp(target, bundle, repo, tag);
  }
  const expected = bundle.root.descriptor.digest;
  const stored = await target.http.getManifest(repo, tag ?? expected, target.signal);
  if (stored.digest !== expected) {
    throw new Error(`${repo}:${tag ?? expected} was stored as ${stored.digest}, expected ${expected} (pushed with ${route})`);
  }
}
