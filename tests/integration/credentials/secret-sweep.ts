import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Captures everything this process writes to stdout and stderr (the app's log goes to stderr). */
export function captureOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originals.out);
  process.stderr.write = tap(originals.err);
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

/** Every `secret` found in any file under `dir` or in `text`, as `where: secret-index` lines. */
export async function findSecrets(secrets: readonly string[], places: { dirs: readonly string[]; texts: Record<string, string> }): Promise<string[]> {
  const hits: string[] = [];
  const check = (where: string, content: string) => {
    secrets.forEach((secret, index) => {
      if (secret.length >= 6 && content.includes(secret)) hits.push(`${where}: secret #${index}`);
    });
  };
  for (const dir of places.dirs) {
    for (const file of await listFiles(dir)) check(file, await readFile(file, 'latin1'));
  }
  for (const [where, text] of Object.entries(places.texts)) check(where, text);
  return hits;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
