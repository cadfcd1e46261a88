import { session, shell, type WebContents } from 'electron';
import { isSameOrigin } from './app-origin';
import { isAllowedExternalUrl } from './external-links';
import type { Logger } from '../log/logger';

/**
 * Locks down every webContents the app ever creates: no navigation away from our origin, no new
 * windows (allow-listed https links go to the OS browser), no <webview>.
 */
export function guardWebContents(contents: WebContents, appOrigin: () => string, log: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (isSameOrigin(url, appOrigin())) return;
    event.preventDefault();
    openExternalIfAllowed(url, log);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameOrigin(url, appOrigin())) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app uses no camera, microphone, notifications, geolocation, clipboard-read, ...: deny them all. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** The app's one way out to the OS browser: allow-listed https links only. */
export function openExternalIfAllowed(url: string, log: Logger): void {
  if (isAllowedExternalUrl(url)) {
    shell.openExternal(url).catch((error: unknown) => log.warn(`could not open an external link: ${String(error)}`));
  } else {
    log.warn('blocked a link to a site that is not on the allow-list');
  }
}
