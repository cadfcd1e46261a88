import { test as base, expect, type Page } from '@playwright/test';
import { freePort } from '../support/processes';
import { startKeyring, type TestKeyring } from '../support/keyring';
import { startRegistry, type TestRegistry } from '../support/registry';
import { RegistriesPage } from './pages/registries-page';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

interface TestFixtures {
  webHost: WebHostProcess;
  /** Console errors and page errors seen while the test ran (CSP violations land here). */
  consoleErrors: string[];
  app: RegistriesPage;
}

interface WorkerFixtures {
  openRegistry: TestRegistry;
  loginRegistry: TestRegistry;
  /** A loopback address where nothing listens. */
  deadAddress: string;
}

function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  openRegistry: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'none' });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker' },
  ],
  loginRegistry: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'htpasswd' });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker' },
  ],
  deadAddress: [async ({}, use) => use(`127.0.0.1:${await freePort()}`), { scope: 'worker' }],
  webHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    watchConsole(page, errors);
    await use(errors);
  },
  app: async ({ page, webHost, consoleErrors }, use) => {
    void consoleErrors;
    const app = new RegistriesPage(page);
    await app.open(webHost.url);
    await use(app);
  },
});

/**
 * The same fixtures with a real Secret Service (dbus + gnome-keyring) for the web host: logins go
 * to the keychain. The keyring's env is given to the host only; this test process keeps its own.
 */
export const keyringTest = test.extend<{ keyring: TestKeyring }>({
  keyring: async ({}, use) => {
    const keyring = await startKeyring({ applyToThisProcess: false });
    await use(keyring);
    await keyring.stop();
  },
  webHost: async ({ keyring }, use) => {
    const { DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR } = keyring.env;
    const host = await startWebHostProcess({ env: { DBUS_SESSION_BUS_ADDRESS: DBUS_SESSION_BUS_ADDRESS!, XDG_RUNTIME_DIR: XDG_RUNTIME_DIR! } });
    await use(host);
    await host.stop();
  },
});

export { expect };
