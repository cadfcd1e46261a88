import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, stopAllProcesses, waitUntil } from '../../support/processes';
import { launchWebHost } from './launch-web-host';

afterAll(async () => {
  await stopAllProcesses();
});

describe('web host: opening the browser', () => {
  it('hands a mock xdg-open a private launch page, never the token, and removes the page on SIGTERM', async () => {
    const bin = await makeTempDir('mock-opener');
    const argvFile = join(bin, 'argv');
    // A stand-in for the desktop's opener (no desktop here): records what it was asked to open.
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`);
    await chmod(join(bin, 'xdg-open'), 0o755);
    const host = await launchWebHost({ PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, DISPLAY: ':99', STEVEDORE_NO_BROWSER: '' });
    try {
      await waitUntil(async () => (await stat(argvFile).catch(() => undefined)) !== undefined, {
        timeoutMs: 10_000,
        describeFailure: () => 'xdg-open was never called',
      });
      const opened = (await readFile(argvFile, 'utf8')).trim();
      expect(opened).toBe(join(host.dataDir, 'run', `open-${host.port}.html`));
      expect(opened).not.toContain(host.token);
      expect((await stat(opened)).mode & 0o777).toBe(0o600);
      expect(await readFile(opened, 'utf8')).toContain(`url=${host.url}`);
      await host.stop();
      await expect(stat(opened)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await host.stop();
      await removeTempDir(bin);
    }
  });
});
