import { Parser, type ReadEntry } from 'tar';
import { shown } from './entry-path';
import { ExtractionStopped } from './extract-errors';

/** PAX and GNU long-name records above this are not read (a name is at most 4 KiB anyway). */
const MAX_META_ENTRY = 64 * 1024;

/**
 * Reads an uncompressed tar stream with node-tar's parser, handing each entry to `onEntry` one
 * at a time (the next header is not parsed before the entry's body is consumed). A damaged
 * archive (bad checksum, a body running past its header into the next, truncated input) stops
 * the whole read: node-tar's own "warn and carry on" is not what a download wants.
 */
export async function readTarEntries(
  chunks: AsyncIterable<Buffer>,
  onEntry: (entry: ReadEntry) => Promise<void>,
  label: string,
  options: { signal?: AbortSignal; failure?: (problem: string) => Error } = {},
): Promise<{ entries: number }> {
  const { signal } = options;
  const damaged =
    options.failure ?? ((problem: string) => new ExtractionStopped(`${label} is a damaged or hostile tar archive (${problem}): stopped and removed what it had written.`));
  const parser = new Parser({ strict: false, maxMetaEntrySize: MAX_META_ENTRY });
  let failure: Error | undefined;
  let entries = 0;
  let sawEof = false;
  let chain: Promise<void> = Promise.resolve();
  let failed: () => void = () => undefined;
  const failedSignal = new Promise<void>((resolve) => (failed = resolve));
  let current: ReadEntry | undefined;
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    failed();
  };
  // A failure outside the handler (a damaged stream, the source erroring) ends the entry being
  // written, so the handler's read of its body stops instead of waiting for bytes that never come.
  const stop = (error: unknown) => {
    fail(error);
    current?.destroy();
  };

  parser.on('eof', () => (sawEof = true));
  parser.on('warn', (code: string, message: string) => {
    if (code === 'TAR_BAD_ARCHIVE' && /Unrecognized archive format/.test(message) && sawEof && entries === 0) return; // an empty layer: two zero blocks
    stop(damaged(message.slice(0, 160)));
  });
  parser.on('error', (error: Error) => stop(damaged(error.message.slice(0, 160))));
  parser.on('entry', (entry: ReadEntry) => {
    entries += 1;
    entry.on('error', () => undefined); // written to after a stop: the stop already says why
    chain = chain.then(async () => {
      current = entry;
      if (failure === undefined) {
        try {
          await onEntry(entry);
        } catch (error) {
          fail(error);
        }
      }
      current = undefined;
      entry.resume();
    });
  });

  const ended = new Promise<void>((resolve) => parser.on('end', () => resolve()));
  try {
    for await (const chunk of chunks) {
      if (failure !== undefined) break;
      signal?.throwIfAborted();
      if (!parser.write(chunk)) {
        await Promise.race([new Promise<void>((resolve) => parser.once('drain', () => resolve())), failedSignal]);
      }
    }
    if (failure === undefined) {
      parser.end();
      await Promise.race([ended, failedSignal]);
    }
    await chain;
  } catch (error) {
    stop(error);
    await chain;
  }
  if (failure !== undefined) {
    parser.abort(new Error('stopped'));
    throw failure;
  }
  return { entries };
}

/** The entry's name as node-tar read it (PAX/GNU long names applied), for messages. */
export function entryLabel(entry: ReadEntry): string {
  return shown(entry.path);
}
