import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A page, readable only by this user, that sends the browser on to the address with the token.
 * The browser is opened on this file's path, so the token never appears in another process's
 * command line (`ps` shows every user's argv), as Jupyter does for the same reason.
 */
export async function writeLaunchFile(dataDir: string, port: number, url: string): Promise<string> {
  const dir = join(dataDir, 'run');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = join(dir, `open-${port}.html`);
  await rm(path, { force: true });
  await writeFile(path, launchPage(url), { mode: 0o600, flag: 'wx' });
  return path;
}

export async function removeLaunchFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

export function launchPage(url: string): string {
  const href = escapeHtml(url);
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Opening Stevedore…</title></head>',
    `<body><p>Opening Stevedore… If nothing happens, <a href="${href}">open it here</a>.</p></body></html>`,
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
