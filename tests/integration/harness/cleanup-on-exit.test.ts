import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';

const supportDir = fileURLToPath(new URL('../../support/', import.meta.url));

// A script that starts a token-mode registry, prints where it is, and exits without calling stop().
const SCRIPT = `
import { startRegistry } from ${JSON.stringify(join(supportDir, 'registry.ts'))};
const registry = await startRegistry({ auth: 'token' });
console.log(JSON.stringify({ url: registry.url, rootDir: registry.rootDir, realm: registry.tokenServer.realm }));
process.exit(0);
`;

describe('cleanup when the test process exits', () => {
  let work: string;
  let bundle: string;
  beforeAll(async () => {
    work = await makeTempDir('exit');
    bundle = join(work, 'start-and-exit.mjs');
    await build({
      stdin: { contents: SCRIPT, resolveDir: supportDir, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await removeTempDir(work);
  });

  it('kills a registry the process forgot to stop, and removes its temp dir', async () => {
    const { stdout } = await runCommand(process.execPath, [bundle]);
    const started = JSON.parse(stdout.trim()) as { url: string; rootDir: string; realm: string };
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${started.url}/v2/`)).rejects.toThrow();
    expect(existsSync(started.rootDir)).toBe(false);
  });
});
