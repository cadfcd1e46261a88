import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { runCommand } from '../../support/processes';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const SERVICE = 'stevedore-harness-test';

describe('private Secret Service (dbus-daemon + gnome-keyring-daemon)', () => {
  let keyring: TestKeyring;
  let keytar: Keytar;

  beforeAll(async () => {
    keyring = await startKeyring();
    // Load keytar only after the bus address is set: libsecret connects on first use.
    keytar = createRequire(import.meta.url)('keytar') as Keytar;
  });
  afterAll(async () => {
    await keyring.stop();
  });

  it('points this process at its own bus and a fresh HOME', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(keyring.env.DBUS_SESSION_BUS_ADDRESS);
    expect(keyring.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:path=\/.*stevedore-keyring-/);
    expect(process.env.HOME).toBe(keyring.env.HOME);
  });

  it('stores, reads, lists and deletes secrets through keytar', async () => {
    await keytar.setPassword(SERVICE, 'alice@127.0.0.1:5000', 's3cret-one');
    await keytar.setPassword(SERVICE, 'bob@ghcr.io', 's3cret-two');
    expect(await keytar.getPassword(SERVICE, 'alice@127.0.0.1:5000')).toBe('s3cret-one');

    const found = await keytar.findCredentials(SERVICE);
    expect(found.sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: 'alice@127.0.0.1:5000', password: 's3cret-one' },
      { account: 'bob@ghcr.io', password: 's3cret-two' },
    ]);

    await keytar.setPassword(SERVICE, 'alice@127.0.0.1:5000', 's3cret-updated');
    expect(await keytar.getPassword(SERVICE, 'alice@127.0.0.1:5000')).toBe('s3cret-updated');

    expect(await keytar.deletePassword(SERVICE, 'alice@127.0.0.1:5000')).toBe(true);
    expect(await keytar.getPassword(SERVICE, 'alice@127.0.0.1:5000')).toBeNull();
    expect(await keytar.deletePassword(SERVICE, 'alice@127.0.0.1:5000')).toBe(false);
    expect((await keytar.findCredentials(SERVICE)).map((c) => c.account)).toEqual(['bob@ghcr.io']);
  });

  it('keeps the keyring inside its temp HOME, and child processes can use it through env', async () => {
    expect(existsSync(`${keyring.env.HOME}/.local/share/keyrings`)).toBe(true);
    const { stdout } = await runCommand(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env: keyring.env },
    );
    expect(stdout).toContain('boolean true');
  });
});
