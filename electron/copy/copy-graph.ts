import { ContractError } from '../../shared/contract';
import { short } from '../oci/blobs/blob-verifier';
import type { Descriptor, FetchedManifest } from '../oci/manifests/manifest-types';
import type { ArtifactRepository } from '../oci/storage';
import { findReferrers } from './find-referrers';

/** One manifest of the copy, with the exact bytes fetched: pushed as they are, never re-serialised. */
export interface CopyManifest {
  descriptor: Descriptor;
  bytes: Buffer;
  /** Shown on the item: `manifest`, `index`, `linux/amd64`, `referrer (sbom)`, a cosign tag… */
  label: string;
  /** Set for a referrer: the digest it names as `subject`. */
  subject?: string;
  /** Tags it gets at the destination besides its digest (a cosign `sha256-<hex>.sig` tag). */
  tags: string[];
}

/**
 * What a copy moves: blobs (configs, layers) and manifests in push order, children before their
 * parents and a referrer after its subject, so each manifest lands only once everything it names
 * is there. Manifests are read whole (each at most 4 MiB); blobs only by descriptor.
 */
export interface CopyGraph {
  root: Descriptor;
  blobs: Descriptor[];
  manifests: CopyManifest[];
  /** Blobs not copied on purpose (non-distributable layers that live at their `urls`). */
  foreign: Descriptor[];
}

export interface GraphOptions {
  referrers: boolean;
  signal?: AbortSignal;
  /** Most manifests followed (default 2,000): a hostile index cannot make the copy read forever. */
  maxManifests?: number;
  /** Most blobs named (default 20,000). */
  maxBlobs?: number;
}

/** Referrers of referrers (a signature on an SBOM) are followed this deep. */
const REFERRER_DEPTH = 3;

/**
 * Walks an artifact from its root, as oras-go's `copyGraph` does: every child of an index (every
 * platform), each manifest's config and layers, and with `referrers` the manifests that refer to
 * the root (referrers API or tag schema, and cosign's `sha256-<hex>.sig/.att/.sbom` tags).
 */
export async function readCopyGraph(source: ArtifactRepository, reference: string, options: GraphOptions): Promise<CopyGraph> {
  const maxManifests = options.maxManifests ?? 2_000;
  const maxBlobs = options.maxBlobs ?? 20_000;
  const { signal } = options;
  const blobs = new Map<string, Descriptor>();
  const foreign = new Map<string, Descriptor>();
  const manifests = new Map<string, CopyManifest>();

  const fetchExact = async (descriptor: Descriptor): Promise<FetchedManifest> => {
    if (manifests.size >= maxManifests) throw new ContractError('invalid-input', `The artifact names more than ${maxManifests} manifests; Stevedore copies at most that many at once.`);
    const fetched = await source.manifests().fetch(descriptor.digest, signal);
    if (fetched.descriptor.digest !== descriptor.digest) {
      throw new ContractError('network', `The source answered ${short(descriptor.digest)} with a manifest whose digest is ${short(fetched.descriptor.digest)}.`);
    }
    return fetched;
  };

  const visit = async (fetched: FetchedManifest, label: string, extra: Partial<CopyManifest> = {}): Promise<void> => {
    const digest = fetched.descriptor.digest;
    if (manifests.has(digest)) return;
    const { parsed } = fetched;
    if (parsed.kind === 'index') {
      for (const child of parsed.index.manifests) {
        if (manifests.has(child.digest)) continue;
        await visit(await fetchExact(child), platformLabel(child));
      }
    } else {
      for (const blob of [parsed.manifest.config, ...parsed.manifest.layers]) {
        if (blob.urls && blob.urls.length > 0) foreign.set(blob.digest, blob);
        else if (!blobs.has(blob.digest)) blobs.set(blob.digest, blob);
      }
      if (blobs.size > maxBlobs) throw new ContractError('invalid-input', `The artifact names more than ${maxBlobs} blobs; Stevedore copies at most that many at once.`);
    }
    manifests.set(digest, { descriptor: fetched.descriptor, bytes: fetched.bytes, label, tags: [], ...extra });
  };

  const rootDescriptor = await source.resolve(reference, signal);
  const root = await fetchExact(rootDescriptor);
  await visit(root, root.parsed.kind === 'index' ? 'index' : 'manifest');

  if (options.referrers) {
    let tagList: Promise<ReadonlySet<string>> | undefined;
    const tags = () => (tagList ??= source.allTags(signal ? { signal } : {}).then((all) => new Set(all)));
    let subjects = [root.descriptor.digest];
    for (let depth = 0; depth < REFERRER_DEPTH && subjects.length > 0; depth++) {
      const next: string[] = [];
      for (const subject of subjects) {
        for (const found of await findReferrers(source, subject, tags, signal)) {
          const known = manifests.get(found.descriptor.digest);
          if (known) {
            for (const tag of found.tags) if (!known.tags.includes(tag)) known.tags.push(tag);
            continue;
          }
          await visit(await fetchExact(found.descriptor), found.label, { ...(found.viaSubject ? { subject } : {}), tags: [...found.tags] });
          next.push(found.descriptor.digest);
        }
      }
      subjects = next;
    }
  }

  return { root: root.descriptor, blobs: [...blobs.values()], manifests: [...manifests.values()], foreign: [...foreign.values()] };
}

function platformLabel(descriptor: Descriptor): string {
  const p = descriptor.platform;
  if (!p) return descriptor.artifactType ? `child (${descriptor.artifactType})` : 'child manifest';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
