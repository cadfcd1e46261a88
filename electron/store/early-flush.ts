import type { FileHandle } from 'node:fs/promises';

/** Bytes written between two early flushes of a large blob's temp file. */
export const FLUSH_EVERY = 64 * 1024 * 1024;

/**
 * Asks the disk to write a large temp file's data back while more is still arriving, so the
 * fdatasync that makes the blob durable at the end has little left to do: with GiBs of RAM the
 * kernel would otherwise keep a whole 1 GiB download in the page cache and write all of it only
 * then, with nothing else going on. One flush at a time; a failed early flush is ignored, since
 * the final fdatasync is the one that decides.
 */
export class EarlyFlush {
  private pending: Promise<void> | undefined;
  private flushedAt = 0;

  constructor(
    private readonly file: Pick<FileHandle, 'datasync'>,
    private readonly every = FLUSH_EVERY,
  ) {}

  /** Called with the bytes handed to the file so far. */
  wrote(bytes: number): void {
    if (this.pending || bytes - this.flushedAt < this.every) return;
    this.flushedAt = bytes;
    this.pending = this.file.datasync().then(
      () => void (this.pending = undefined),
      () => void (this.pending = undefined),
    );
  }

  /** Resolves once no flush is under way (before the file is closed). */
  settled(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }
}
