import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWindowState, type WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';
const MAX_FILE_BYTES = 16 * 1024;

/** The last saved window state, or null if there is none or it cannot be trusted. */
export async function loadWindowState(dataDir: string): Promise<WindowState | null> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    return null;
  }
  if (text.length > MAX_FILE_BYTES) return null;
  try {
    return parseWindowState(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Saves the state atomically: a crash mid-write leaves the previous file, never half of one. */
export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
