import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stevedore-window-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state file', () => {
  it('reads back what it saved and leaves no temp file', async () => {
    const state = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false };
    await saveWindowState(dir, state);
    expect(await loadWindowState(dir)).toEqual(state);
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
  });
  it('replaces the previous state', async () => {
    await saveWindowState(dir, { bounds: { x: 1, y: 1, width: 800, height: 600 }, maximized: false });
    await saveWindowState(dir, { bounds: { x: 2, y: 2, width: 801, height: 601 }, maximized: true });
    expect(await loadWindowState(dir)).toEqual({ bounds: { x: 2, y: 2, width: 801, height: 601 }, maximized: true });
  });
  it('gives null when there is no file, or it is corrupt or huge', async () => {
    expect(await loadWindowState(dir)).toBeNull();
    await writeFile(path.join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": 1,');
    expect(await loadWindowState(dir)).toBeNull();
    await writeFile(path.join(dir, WINDOW_STATE_FILE), `{"pad":"${'x'.repeat(20_000)}"}`);
    expect(await loadWindowState(dir)).toBeNull();
  });
  it('fails clearly and cleans up when the folder is gone', async () => {
    const missing = path.join(dir, 'missing');
    await expect(saveWindowState(missing, { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false })).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
