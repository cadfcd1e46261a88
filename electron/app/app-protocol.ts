import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { serveAppFile } from './serve-app-file';

/** Must run before the app is ready: app:// behaves like https (secure context, fetch, CORS for module scripts). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
  ]);
}

/** Serves out/renderer on app://stevedore/ (after ready). */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererRoot, request.url, request.method));
}
