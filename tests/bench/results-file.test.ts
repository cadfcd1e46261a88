import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEPT_MARK, writeResults } from './results-file';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('writeResults', () => {
  it('writes a new file, and replaces one without the mark whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    const file = join(dir, 'nested', 'suite.md');
    await writeResults(file, '# Run 1\n');
    expect(await readFile(file, 'utf8')).toBe('# Run 1\n');
    await writeResults(file, '# Run 2\n');
    expect(await readFile(file, 'utf8')).toBe('# Run 2\n');
  });

  it('keeps what was written by hand below the mark, under the new tables', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    const file = join(dir, 'suite.md');
    await writeFile(file, `# Run 1\n| old |\n\n${KEPT_MARK}\n\n## What was found\nA/B: 2.6 s → 1.6 s.\n`);
    await writeResults(file, '# Run 2\n| new |\n');
    expect(await readFile(file, 'utf8')).toBe(`# Run 2\n| new |\n\n${KEPT_MARK}\n\n## What was found\nA/B: 2.6 s → 1.6 s.\n`);
  });
});
