import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** STEVEDORE_DATA_DIR, else the XDG data folder (~/.local/share/stevedore); created private. */
export async function resolveDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = env.STEVEDORE_DATA_DIR || join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'stevedore');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
