import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, runCommand, startProcess, waitUntil, type ManagedProcess } from './processes';

/**
 * A real Secret Service for keychain tests: a private D-Bus session bus plus an unlocked
 * gnome-keyring-daemon, both with a fresh temp HOME.
 *
 * `startKeyring()` also points this process at the bus (DBUS_SESSION_BUS_ADDRESS), which must
 * happen before keytar/libsecret first connects: libsecret keeps its connection for the life of
 * the process, so start one keyring per test file (the integration project runs files in
 * separate forks) and start it in beforeAll, before the first keytar call.
 */
export interface TestKeyring {
  /** Environment for child processes that should use this keyring (HOME, D-Bus address, XDG dirs). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const SECRETS_BUS_NAME = 'org.freedesktop.secrets';
const READY_TIMEOUT_MS = 15_000;
const ENV_KEYS = ['DBUS_SESSION_BUS_ADDRESS', 'HOME', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME'] as const;

export async function startKeyring(options: { applyToThisProcess?: boolean } = {}): Promise<TestKeyring> {
  const root = await makeTempDir('keyring');
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  await mkdir(home, { mode: 0o700 });
  await mkdir(runtime, { mode: 0o700 });
  const busAddress = `unix:path=${join(runtime, 'bus')}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    DBUS_SESSION_BUS_ADDRESS: busAddress,
  };

  const processes: ManagedProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const proc of processes.reverse()) await proc.stop();
    await removeTempDir(root);
  };

  try {
    const bus = startProcess('dbus-daemon', 'dbus-daemon', ['--session', '--nofork', `--address=${busAddress}`, '--print-address=1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.push(bus);
    await waitUntil(async () => bus.output().includes(busAddress), {
      timeoutMs: READY_TIMEOUT_MS,
      giveUp: () => bus.exited(),
      describeFailure: () => `dbus-daemon did not start a session bus. Its output:\n${bus.output()}`,
    });

    const keyring = startProcess(
      'gnome-keyring-daemon',
      'gnome-keyring-daemon',
      ['--foreground', '--unlock', '--components=secrets'],
      { env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    processes.push(keyring);
    // --unlock reads the login keyring's password from stdin; a fresh HOME means it creates it.
    keyring.child.stdin?.end('stevedore-test-keyring');
    await waitUntil(() => busHasOwner(env, SECRETS_BUS_NAME), {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 100,
      giveUp: () => keyring.exited(),
      describeFailure: () => `gnome-keyring-daemon did not provide ${SECRETS_BUS_NAME}. Its output:\n${keyring.output()}`,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  const saved = new Map(ENV_KEYS.map((key) => [key, process.env[key]]));
  const apply = options.applyToThisProcess ?? true;
  if (apply) {
    for (const key of ENV_KEYS) process.env[key] = env[key];
  }

  return {
    env,
    async stop() {
      if (apply) {
        for (const [key, value] of saved) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
      await stopAll();
    },
  };
}

async function busHasOwner(env: Record<string, string>, name: string): Promise<boolean> {
  const { stdout } = await runCommand(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
    { env, timeoutMs: 5000 },
  );
  return /boolean true/.test(stdout);
}
