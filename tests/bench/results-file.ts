import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** In a results file, what follows this line was written by hand (findings, A/B runs) and survives a new run. */
export const KEPT_MARK = '<!-- Written by hand from here on: a bench run rewrites only what is above this line. -->';

/**
 * Writes a suite's generated report to `outFile`, keeping the hand-written part of the file it
 * replaces (from `KEPT_MARK` on) below the new tables.
 */
export async function writeResults(outFile: string, generated: string): Promise<void> {
  await mkdir(dirname(outFile), { recursive: true });
  const previous = await readFile(outFile, 'utf8').catch(() => '');
  const at = previous.indexOf(KEPT_MARK);
  await writeFile(outFile, at < 0 ? generated : `${generated.trimEnd()}\n\n${previous.slice(at)}`);
}
