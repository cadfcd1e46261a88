import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadFolders } from './folders';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-folders-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DownloadFolders', () => {
  it('says whether a folder exists and can be written, and creates it', async () => {
    const folders = new DownloadFolders(join(dir, 'data'));
    expect(await folders.check('relative/path')).toMatchObject({ exists: false, problem: expect.stringMatching(/full path/) as string });
    expect(await folders.check(join(dir, 'new'))).toEqual({ path: join(dir, 'new'), exists: false, writable: false });
    expect(await folders.create(join(dir, 'new', 'deeper'))).toEqual({ path: join(dir, 'new', 'deeper'), exists: true, writable: true });
    await writeFile(join(dir, 'file'), 'x');
    expect(await folders.check(join(dir, 'file'))).toMatchObject({ exists: true, writable: false, problem: 'That is a file, not a folder.' });
    await expect(folders.usable(join(dir, 'missing'))).rejects.toThrow(/does not exist: create it first/);
  });

  it('reports a folder it cannot write in (not as root, which may write anywhere)', async () => {
    const folders = new DownloadFolders(join(dir, 'data'));
    await folders.create(join(dir, 'locked'));
    await chmod(join(dir, 'locked'), 0o500);
    const check = await folders.check(join(dir, 'locked'));
    expect(check.writable).toBe(process.getuid?.() === 0);
    await chmod(join(dir, 'locked'), 0o700);
  });

  it('suggests the Downloads folder, then the last folder used', async () => {
    const folders = new DownloadFolders(join(dir, 'data'));
    expect(await folders.suggested()).toBe(join(homedir(), 'Downloads'));
    await folders.remember(join(dir, 'somewhere'));
    expect(await new DownloadFolders(join(dir, 'data')).suggested()).toBe(join(dir, 'somewhere'));
    expect(await folders.suggestions()).toEqual([join(dir, 'somewhere'), join(homedir(), 'Downloads')]);
  });
});
