import { fileURLToPath } from 'node:url';
import { createLogger } from '../log/logger';
import { startServices, type ServiceSet } from '../services/create-services';
import { closeWithin } from '../services/close-within';
import { resolveDataDir } from './data-dir';
import { removeLaunchFile, writeLaunchFile } from './launch-file';
import { canOpenBrowser, openBrowser } from './open-browser';
import { openFolderOnDesktop } from './open-folder';
import { createSessionToken } from './session-token';
import { startWebHost } from './web-host';

declare const __STEVEDORE_VERSION__: string | undefined;

const DEFAULT_UPLOAD_MAX_BYTES = 8 * 1024 ** 3;
/** How long stopping waits for the services to cancel transfers and clean up before it goes anyway. */
const CLOSE_TIMEOUT_MS = 5000;

function envInteger(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name} must be a whole number from 0 to ${max}, not "${raw.slice(0, 20)}".`);
  return value;
}

async function main(): Promise<void> {
  const log = createLogger('web');
  const version = typeof __STEVEDORE_VERSION__ === 'string' ? __STEVEDORE_VERSION__ : '0.0.0-dev';
  const dataDir = await resolveDataDir();
  let services: ServiceSet | undefined;
  const host = await startWebHost({
    port: envInteger('STEVEDORE_PORT', 0, 65535),
    token: createSessionToken(),
    rendererDir: process.env.STEVEDORE_RENDERER_DIR || fileURLToPath(new URL('../renderer/', import.meta.url)),
    uploadMaxBytes: envInteger('STEVEDORE_UPLOAD_MAX_BYTES', DEFAULT_UPLOAD_MAX_BYTES, Number.MAX_SAFE_INTEGER),
    log,
    createHandlers: async (events, staging) => {
      services = await startServices({
        host: 'web',
        version,
        dataDir,
        events,
        capabilities: { nativeFolderPicker: false, dropPaths: false },
        integration: {
          staged: (id) => staging.staged(id),
          openFolder: (folder) => openFolderOnDesktop(folder),
        },
      });
      return services.handlers;
    },
  });
  // The one line that carries the token: for the user, on stdout, never through the logger.
  process.stdout.write(`Stevedore is running at ${host.url}\n`);
  log.info(`listening on 127.0.0.1:${host.port}`);
  const launchFile = canOpenBrowser() ? await openThroughLaunchFile(dataDir, host.port, host.url, log) : undefined;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: stopping at once`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: shutting down`);
    // The services first: transfers are cancelled (their upload sessions closed on the registry) and
    // work files removed while the host still stands; then the host, its uploads and the launch page.
    const closing = services?.close().catch((error: unknown) => log.error('closing the services failed', error)) ?? Promise.resolve();
    const onLate = () => log.warn(`the services did not close within ${CLOSE_TIMEOUT_MS / 1000} s; stopping anyway`);
    closeWithin(closing, CLOSE_TIMEOUT_MS, onLate)
      .then(() => Promise.all([host.close(), launchFile ? removeLaunchFile(launchFile) : undefined]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The browser gets a private file's path, never the token address itself (argv is public). */
async function openThroughLaunchFile(dataDir: string, port: number, url: string, log: ReturnType<typeof createLogger>): Promise<string | undefined> {
  try {
    const path = await writeLaunchFile(dataDir, port, url);
    openBrowser(path);
    return path;
  } catch (error) {
    log.warn(`could not write the launch page (${(error as { code?: string }).code ?? 'error'}); open the printed address yourself`);
    return undefined;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Stevedore could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
