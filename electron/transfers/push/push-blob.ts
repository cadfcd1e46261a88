import { ContractError } from '../../../shared/contract/errors';
import { BlobError } from '../../oci/blobs/blob-error';
import { openSource, type BlobSource } from '../../oci/blobs/blob-source';
import { toContractError } from '../../oci/errors';
import type { TransferScheduler } from '../../oci/scheduler/transfer-scheduler';
import type { ArtifactRepository, BlobPushResult } from '../../oci/storage';
import type { PlannedBlob } from '../push-plan';
import type { TransferItemHandle } from '../transfer-job';

/** The size up to which uploadBlob sends a file in one PUT (its default monolithic limit). */
const SMALL_FILE = 8 * 1024 * 1024;

export interface BlobTarget {
  repository: ArtifactRepository;
  scheduler: TransferScheduler;
  host: string;
}

export interface BlobSignals {
  /** Takes the blob out of the scheduler's queue before it starts (a cancel, or another blob failed). */
  waiting: AbortSignal;
  /** Stops it once started: only a cancel does, so a failure elsewhere never cuts an upload in half. */
  running: AbortSignal;
}

/**
 * Pushes one planned blob through the shared scheduler and reports it on its item: `exists`
 * (HEAD found it), `mounted`, or `done`. The source is pinned to the planned size and digest, so a
 * file that changed since it was packed fails, naming the file.
 */
export async function pushPlannedBlob(blob: PlannedBlob, item: TransferItemHandle, target: BlobTarget, signals: BlobSignals): Promise<BlobPushResult> {
  const progress = deferredProgress(item);
  let result: BlobPushResult;
  try {
    result = await target.scheduler.run({ host: target.host, signal: signals.waiting }, async () => {
      item.start();
      await checkSmallFile(blob, signals.running);
      const push = () => target.repository.blobs().push(pinned(blob), { signal: signals.running, onProgress: progress.report });
      return push().catch((error: unknown) => {
        if (!sessionLost(error) || signals.running.aborted) throw error;
        return push();
      });
    });
  } catch (error) {
    progress.drop();
    throw blobFailure(blob, error, target);
  }
  progress.drop();
  if (result.digest !== blob.descriptor.digest || result.size !== blob.descriptor.size) {
    throw new ContractError('network', `The registry stored ${blob.name} as ${result.digest} (${result.size} bytes), not as planned.`);
  }
  item.finish(result.outcome === 'uploaded' ? 'done' : result.outcome);
  return result;
}

/**
 * A connection cut in the middle of a PATCH makes Distribution 2.8 drop the session (the bytes it
 * wrote are not in the client's state token); the client's own replay of that PATCH then meets a
 * 404. The blob is tried once more in a fresh session (HEAD first, so nothing landed is resent).
 */
function sessionLost(error: unknown): boolean {
  return error instanceof BlobError && error.reason === 'http-status' && error.code === 'not-found';
}

/**
 * A small file is checked against its planned digest before a session opens. It goes up in one PUT,
 * and a PUT the registry rejects leaves a session Distribution 2.8 will not let us delete (its state
 * token no longer matches the bytes it holds); larger files are verified by the registry at commit,
 * where a rejected commit leaves a session that can still be deleted.
 */
async function checkSmallFile(blob: PlannedBlob, signal: AbortSignal): Promise<void> {
  if (!('path' in blob.source) || blob.descriptor.size > SMALL_FILE) return;
  const opened = await openSource({ path: blob.source.path, size: blob.descriptor.size });
  if ((await opened.computeDigest(signal)) !== blob.descriptor.digest) throw changedError(blob);
}

function pinned(blob: PlannedBlob): BlobSource {
  const { digest, size } = blob.descriptor;
  if ('open' in blob.source) return blob.source;
  return 'data' in blob.source ? { data: blob.source.data, digest } : { path: blob.source.path, digest, size };
}

/**
 * Progress is passed on a macrotask later: when the registry already has the blob, the store
 * reports all its bytes and then returns `exists`, and those bytes must not count as sent (they
 * would show as a burst of speed). The outcome always arrives first, through microtasks.
 */
function deferredProgress(item: TransferItemHandle) {
  let latest = -1;
  let pending = false;
  let dropped = false;
  return {
    report: (bytes: number) => {
      latest = bytes;
      if (pending || dropped) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        if (!dropped) item.progress(latest);
      });
    },
    drop: () => {
      dropped = true;
    },
  };
}

function changedError(blob: PlannedBlob): ContractError {
  return new ContractError('invalid-input', `${blob.name} changed while it was being published: its bytes no longer match the digest in the manifest. Publish it again.`);
}

/** Errors as the user reads them, naming the file when the file is the problem. */
function blobFailure(blob: PlannedBlob, error: unknown, target: BlobTarget): unknown {
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (error instanceof BlobError && error.reason === 'digest-mismatch' && error.code === 'invalid-input') {
    return changedError(blob);
  }
  if (error instanceof BlobError && error.reason === 'too-large') {
    return new ContractError('invalid-input', `${target.host} refused ${blob.name} (${sizeOf(blob.descriptor.size)}) as too large (HTTP 413). Split it into smaller files, or ask the registry's administrator about its size limit.`);
  }
  const contract = toContractError(error);
  if (contract.code === 'invalid-input' && 'data' in blob.source) {
    return new ContractError('invalid-input', `${blob.name}: ${contract.message}`);
  }
  return contract;
}

function sizeOf(bytes: number): string {
  const exact = `${bytes.toLocaleString('en')} bytes`;
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB, ${exact}` : exact;
}
