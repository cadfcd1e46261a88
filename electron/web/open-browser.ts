import { spawn } from 'node:child_process';

/** Opens the default browser when there is one; never fails, never waits. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.STEVEDORE_NO_BROWSER || env.CI) return;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}
