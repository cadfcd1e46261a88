import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import { DropAllowList, takeDroppedPaths } from './dropped-paths';

describe('DropAllowList', () => {
  it('lets each dropped path be used once', () => {
    const list = new DropAllowList();
    expect(list.register(['/home/u/chart.tgz', '/home/u/app.wasm'])).toBe(2);
    expect(list.consume(['/home/u/chart.tgz'])).toEqual(['/home/u/chart.tgz']);
    expect(() => list.consume(['/home/u/chart.tgz'])).toThrow(ContractError);
    expect(list.consume(['/home/u/app.wasm'])).toEqual(['/home/u/app.wasm']);
  });
  it('refuses paths that were never dropped, taking none of the batch', () => {
    const list = new DropAllowList();
    list.register(['/home/u/a']);
    let error: unknown;
    try {
      list.consume(['/home/u/a', '/etc/shadow']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('denied');
    expect((error as ContractError).message).toMatch(/shadow was not dropped.*drop it again/);
    expect(list.consume(['/home/u/a'])).toEqual(['/home/u/a']);
  });
  it('forgets drops after their time (injected clock)', () => {
    let now = 1_000;
    const list = new DropAllowList(() => now, 60_000);
    list.register(['/home/u/a']);
    now += 60_000;
    expect(list.size).toBe(0);
    expect(() => list.consume(['/home/u/a'])).toThrow(/not dropped/);
  });
  it('ignores anything that is not an absolute, normalised path', () => {
    const list = new DropAllowList();
    expect(list.register('/home/u/a')).toBe(0);
    expect(list.register(['relative/file', '', '/a/../etc/passwd', '/a/b\0c', 42, null, `/${'x'.repeat(5000)}`])).toBe(0);
    expect(list.size).toBe(0);
  });
});

describe('takeDroppedPaths', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stevedore-drop-'));
    await writeFile(path.join(dir, 'model.bin'), 'abc');
    await mkdir(path.join(dir, 'chart'));
    await symlink('/etc/passwd', path.join(dir, 'link'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('looks at files and folders again on disk', async () => {
    const list = new DropAllowList();
    const file = path.join(dir, 'model.bin');
    const folder = path.join(dir, 'chart');
    list.register([file, folder]);
    expect(await takeDroppedPaths(list, [file, folder])).toEqual([
      { path: file, kind: 'file', size: 3 },
      expect.objectContaining({ path: folder, kind: 'directory' }),
    ]);
  });
  it('refuses a symbolic link rather than following it', async () => {
    const list = new DropAllowList();
    const link = path.join(dir, 'link');
    list.register([link]);
    await expect(takeDroppedPaths(list, [link])).rejects.toThrow(/symbolic link/);
  });
  it('says so when a dropped file has gone', async () => {
    const list = new DropAllowList();
    const gone = path.join(dir, 'gone.txt');
    list.register([gone]);
    await expect(takeDroppedPaths(list, [gone])).rejects.toMatchObject({ code: 'not-found' });
  });
});
