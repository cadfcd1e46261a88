import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ContractError } from '../../shared/contract';
import { short } from '../oci/blobs/blob-verifier';
import type { PushOptions } from '../oci/manifests/manifest-store';
import type { Descriptor, FetchedManifest, ParsedManifest } from '../oci/manifests/manifest-types';
import { OCI_MANIFEST } from '../oci/manifests/media-types';
import { mediaTypeOf, parseManifest } from '../oci/manifests/parse-manifest';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import { assertDigest, digestAlgorithm, digestOf, isDigest } from '../oci/reference/digest';
import { assertTag } from '../oci/reference/reference';
import type { ManifestStorage } from '../oci/storage';
import { hasBlob, readBlobBytes, writeBlob } from './blob-files';
import { collectGarbage } from './layout-gc';
import { walkLayout } from './layout-walk';
import type { LayoutContext } from './layout-context';
import { LayoutDamaged } from './layout-errors';
import type { IndexFile } from './index-file';
import { plain, withManifest, withoutDigest } from './layout-index';
import { fetchListedManifest, parseLayoutManifest, resolvesTo } from './layout-manifest-read';
import { blobFile } from './layout-paths';

/** A layout's manifests: resolved through index.json, read from `blobs/`, verified, written tag-last. */
export class LayoutManifests implements ManifestStorage {
  constructor(
    private readonly context: LayoutContext,
    private readonly indexFile: IndexFile,
  ) {}

  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    signal?.throwIfAborted();
    if (!isDigest(reference)) {
      const entry = (await this.indexFile.tags()).get(assertTag(reference));
      if (!entry) throw new ContractError('not-found', `The Local repository "${this.context.name}" has no tag ${reference}.`);
      return plain(entry);
    }
    const index = await this.indexFile.read();
    const listed = index.manifests.find((entry) => entry.digest === reference);
    if (listed) return plain(listed);
    // A manifest only another manifest names (a platform of an index): its bytes say its type.
    const bytes = await this.readUnlisted(reference);
    return { mediaType: mediaTypeOf(this.parse(bytes, undefined, reference), OCI_MANIFEST), digest: reference, size: bytes.length };
  }

  async fetch(reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    const descriptor = await this.resolve(reference, signal);
    return fetchListedManifest(descriptor, reference, (d) => readBlobBytes(this.context.dir, this.context.name, d, signal), this.damaged);
  }

  exists(reference: string, signal?: AbortSignal): Promise<boolean> {
    return resolvesTo(() => this.resolve(reference, signal));
  }

  /**
   * Stores exact bytes: the blob first (verified, renamed into place), then, under the lock, a check
   * that everything it names is present, then index.json. A crash at any point leaves the old index
   * or the new one, never an entry whose blobs are missing.
   */
  async push(bytes: Buffer, mediaType: string, reference?: string, options: PushOptions = {}): Promise<Descriptor> {
    options.signal?.throwIfAborted();
    if (bytes.length > MAX_MANIFEST_BYTES) throw new ContractError('invalid-input', 'The manifest is larger than 4 MiB, the most Stevedore stores.');
    const parsed = parseManifest(bytes, mediaType);
    const tag = reference === undefined || isDigest(reference) ? undefined : assertTag(reference);
    const digest = digestOf(bytes, reference && isDigest(reference) ? digestAlgorithm(reference) : 'sha256');
    if (reference && isDigest(reference) && reference !== digest) throw new ContractError('invalid-input', `The manifest bytes have digest ${digest}, not ${reference}.`);
    const descriptor: Descriptor = { mediaType, digest, size: bytes.length };
    await this.indexFile.update(async (index) => {
      await this.checkChildren(parsed);
      if (!(await hasBlob(this.context.dir, digest, true))) await writeBlob(this.context.dir, Readable.from([bytes]), { digest, size: bytes.length });
      return { index: withManifest(index, descriptor, tag), result: undefined };
    });
    return descriptor;
  }

  /** Removes every tag on the digest, then whatever nothing refers to any more (past the grace period). */
  async delete(digest: string, signal?: AbortSignal): Promise<void> {
    assertDigest(digest);
    signal?.throwIfAborted();
    await this.indexFile.update(async (index) => {
      if (!index.manifests.some((entry) => entry.digest === digest)) {
        throw new ContractError('not-found', `The Local repository "${this.context.name}" has no manifest ${short(digest)} in its index.`);
      }
      const next = withoutDigest(index, digest);
      await walkLayout(this.context, next, signal); // damage is reported before the index changes
      return { index: next, result: undefined, after: async (written) => void (await collectGarbage(this.context, written, { orphan: digest })) };
    }, false);
  }

  private async checkChildren(parsed: ParsedManifest): Promise<void> {
    const children = parsed.kind === 'manifest' ? [parsed.manifest.config, ...parsed.manifest.layers] : parsed.index.manifests;
    for (const child of children) {
      if (child.urls && child.urls.length > 0) continue; // a non-distributable layer lives elsewhere
      if (!(await hasBlob(this.context.dir, child.digest, true))) {
        throw new ContractError('invalid-input', `The manifest names ${short(child.digest)}, which the Local repository "${this.context.name}" does not have; store the blob first.`);
      }
    }
  }

  private async readUnlisted(digest: string): Promise<Buffer> {
    if (!(await hasBlob(this.context.dir, digest))) throw new ContractError('not-found', `The Local repository "${this.context.name}" has no manifest ${short(digest)}.`);
    const size = (await stat(blobFile(this.context.dir, digest))).size;
    if (size > MAX_MANIFEST_BYTES) throw new ContractError('invalid-input', `${short(digest)} is ${size} bytes: a blob, not a manifest.`);
    return readBlobBytes(this.context.dir, this.context.name, { digest, size });
  }

  private parse(bytes: Buffer, mediaType: string | undefined, digest: string): ParsedManifest {
    return parseLayoutManifest(bytes, mediaType, digest, this.damaged);
  }

  private readonly damaged = (file: string, problem: string): Error => new LayoutDamaged(this.context.name, file, problem);
}
