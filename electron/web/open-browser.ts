import { spawn } from 'node:child_process';

/** Whether there is a browser to open here (not on CI, not when asked not to, not headless). */
export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.STEVEDORE_NO_BROWSER || env.CI) return false;
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Opens `target` (a file path or an address without secrets: it becomes an argument that every
 * local user can read in `ps`) in the default browser; never fails, never waits.
 */
export function openBrowser(target: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [target]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', target]] : ['xdg-open', [target]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}
