import { setMaxListeners } from 'node:events';
import { ContractError } from '../../shared/contract';
import { BlobError } from '../oci/blobs/blob-error';
import { short } from '../oci/blobs/blob-verifier';
import { toContractError } from '../oci/errors';
import type { Descriptor } from '../oci/manifests/manifest-types';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { ArtifactRepository } from '../oci/storage';
import { LANDED } from '../transfers/item-list';
import type { TransferContext, TransferItemHandle } from '../transfers/transfer-job';

export interface CopyEnds {
  source: ArtifactRepository;
  destination: ArtifactRepository;
  scheduler: TransferScheduler;
  /** The destination's scheduler key. */
  host: string;
  /** Same registry: the source repository, for a cross-repository mount. */
  mountFrom?: string;
}

export function blobItemId(digest: string): string {
  return `blob-${digest}`;
}

/**
 * Copies the blobs that have not landed, several at once through the shared scheduler. Each goes
 * from the source's verified stream straight into the destination's push (HEAD first: what it has
 * is `exists`; a mount is `mounted`). The first failure stops blobs still waiting; blobs already
 * moving finish, so what lands is not sent again by a retry.
 */
export async function copyBlobs(blobs: readonly Descriptor[], ends: CopyEnds, ctx: TransferContext): Promise<void> {
  const stop = new AbortController();
  const waiting = AbortSignal.any([ctx.signal, stop.signal]);
  // Every blob in flight listens on these (fetch, upload, scheduler): hundreds is normal here.
  setMaxListeners(0, ctx.signal, waiting);
  let firstFailure: { error: unknown } | undefined;
  await Promise.all(
    blobs.map(async (blob) => {
      const item = ctx.item(blobItemId(blob.digest));
      if (LANDED.has(item.state)) return;
      try {
        await ends.scheduler.run({ host: ends.host, signal: waiting }, () => copyBlob(blob, ends, item, ctx.signal));
      } catch (error) {
        if (ctx.signal.aborted) return;
        if (stop.signal.aborted && error instanceof Error && error.name === 'AbortError') {
          item.finish('cancelled', 'not sent: another blob failed');
          return;
        }
        const failure = blobFailure(blob, error);
        item.finish('failed', failure.message);
        if (firstFailure === undefined) {
          firstFailure = { error: failure };
          stop.abort(new DOMException('Another blob failed.', 'AbortError'));
        }
      }
    }),
  );
  ctx.signal.throwIfAborted();
  if (firstFailure) throw firstFailure.error;
}

async function copyBlob(blob: Descriptor, ends: CopyEnds, item: TransferItemHandle, signal: AbortSignal): Promise<void> {
  item.start();
  let opened = false;
  const push = () => {
    opened = false;
    return ends.destination.blobs().push(
      {
        digest: blob.digest,
        size: blob.size,
        open: () => {
          opened = true;
          return ends.source.blobs().fetch({ digest: blob.digest, size: blob.size }, { signal });
        },
        // A fetch stream errors before its end when the bytes do not match (the BlobStorage
        // contract): the destination need not hash them a second time.
        verified: true,
      },
      {
        signal,
        // Only bytes actually read from the source count as progress: an `exists` reports them all at once.
        onProgress: (bytes) => {
          if (opened) item.progress(bytes);
        },
        ...(ends.mountFrom !== undefined ? { mountFrom: [ends.mountFrom] } : {}),
      },
    );
  };
  const result = await push().catch((error: unknown) => {
    if (!sessionLost(error) || signal.aborted) throw error;
    return push();
  });
  if (result.digest !== blob.digest || result.size !== blob.size) {
    throw new ContractError('network', `The destination stored blob ${short(blob.digest)} as ${short(result.digest)} (${result.size} bytes).`);
  }
  item.finish(result.outcome === 'uploaded' ? 'done' : result.outcome, result.outcome === 'mounted' ? `mounted from ${ends.mountFrom}` : undefined);
}

/**
 * A connection cut in the middle of a PATCH makes Distribution 2.8 drop the session; the client's
 * replay of that PATCH then meets a 404. The blob is tried once more in a fresh session (HEAD
 * first, so nothing that landed is sent again), as a publish does.
 */
function sessionLost(error: unknown): boolean {
  return error instanceof BlobError && error.reason === 'http-status' && error.code === 'not-found';
}

function blobFailure(blob: Descriptor, error: unknown): ContractError {
  const contract = toContractError(error);
  return new ContractError(contract.code, `Blob ${short(blob.digest)}: ${contract.message}`);
}
