import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BootPlan, BootReport, BootStep } from '../../support/electron-stand-in/boot-plan';
import type { StandInOptions } from '../../support/electron-stand-in/options';
import { makeTempDir, startProcess, waitUntil } from '../../support/processes';
import { CALL_CHANNEL, DROPPED_CHANNEL } from '../../../electron/preload/channels';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD_TIMEOUT_MS = 90_000;
let childScript: Promise<string> | undefined;

/** The stand-in and its driver, bundled once per test file so plain Node runs them in the child. */
function bootChildScript(): Promise<string> {
  childScript ??= (async () => {
    const outfile = join(await makeTempDir('boot-child'), 'boot-child.cjs');
    await build({
      absWorkingDir: repoRoot,
      entryPoints: ['tests/support/electron-stand-in/boot-child.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return childScript;
}

/** A private home for one child: nothing it does touches the real user's files, keychain or session bus. */
export interface ChildHome {
  home: string;
  userData: string;
}

export async function makeChildHome(): Promise<ChildHome> {
  const home = await makeTempDir('boot-home');
  const userData = join(home, '.config', 'Stevedore');
  await mkdir(userData, { recursive: true });
  await mkdir(join(home, 'run'), { recursive: true, mode: 0o700 });
  return { home, userData };
}

export interface BootRun {
  report: BootReport;
  exitCode: number | null;
  signal: string | null;
  /** The app's log (its logger writes to stderr). */
  stderr: string;
}

export interface BootOptions {
  bundle: string;
  steps: BootStep[];
  childHome: ChildHome;
  standIn?: Partial<StandInOptions>;
  lingerMs?: number;
}

/** Runs one boot of a built main bundle in a child process with the stand-in `electron`, to its end. */
export async function bootMainBundle({ bundle, steps, childHome, standIn = {}, lingerMs = 10_000 }: BootOptions): Promise<BootRun> {
  const script = await bootChildScript();
  const { home, userData } = childHome;
  const plan: BootPlan = {
    bundle,
    standIn: {
      appPath: repoRoot,
      userData,
      home,
      version: '0.0.0-boot-test',
      singleInstanceLock: true,
      notificationsSupported: true,
      openDialogAnswers: [],
      openPathAnswers: [],
      ...standIn,
    },
    channels: { call: CALL_CHANNEL, dropped: DROPPED_CHANNEL },
    steps,
    openTimeoutMs: 30_000,
    stepTimeoutMs: 20_000,
    lingerMs,
  };
  const planPath = join(home, 'boot-plan.json');
  const reportPath = join(home, 'boot-report.json');
  await writeFile(planPath, JSON.stringify(plan));
  const child = startProcess('boot-child', process.execPath, [script, planPath, reportPath], {
    cwd: home,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      // No keychain daemon: keytar (if it loads) fails fast and logins are session-only.
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'run', 'no-bus')}`,
      STEVEDORE_LOG: 'info',
    },
  });
  let stderr = '';
  child.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    await waitUntil(async () => child.exited(), {
      timeoutMs: CHILD_TIMEOUT_MS,
      intervalMs: 100,
      describeFailure: () => `The boot child ran longer than ${CHILD_TIMEOUT_MS / 1000} s:\n${child.output()}`,
    });
  } finally {
    await child.stop();
  }
  let report: BootReport;
  try {
    report = JSON.parse(await readFile(reportPath, 'utf8')) as BootReport;
  } catch {
    throw new Error(`The boot child wrote no report (exit code ${String(child.child.exitCode)}):\n${child.output()}`);
  }
  return { report, exitCode: child.child.exitCode, signal: child.child.signalCode, stderr };
}
