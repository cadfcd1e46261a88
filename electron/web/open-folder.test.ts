import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFolderOnDesktop } from './open-folder';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('web mode: Open folder', () => {
  it('names the folder when there is no desktop to open it on', async () => {
    await expect(openFolderOnDesktop('/home/me/Downloads/chart', { CI: 'true' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('/home/me/Downloads/chart'),
    });
  });

  it.runIf(process.platform === 'linux')('hands the folder to a mock xdg-open on a desktop', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'mock-opener-'));
    dirs.push(bin);
    const argvFile = join(bin, 'argv');
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`);
    await chmod(join(bin, 'xdg-open'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path ?? '/usr/bin:/bin'}`;
    try {
      await openFolderOnDesktop('/home/me/Downloads/chart', { DISPLAY: ':99' });
    } finally {
      process.env.PATH = path;
    }
    for (let i = 0; i < 100 && !(await stat(argvFile).catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await readFile(argvFile, 'utf8')).trim()).toBe('/home/me/Downloads/chart');
  });
});
