import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Keep only the tail of a child's output: enough to explain a failure, bounded in memory. */
const OUTPUT_TAIL_BYTES = 16 * 1024;

/** A long-running helper process (registry, token server, D-Bus, keyring) owned by this test process. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly name: string;
  /** The last few KiB of stdout and stderr, for error messages. */
  output(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** Sends SIGTERM, then SIGKILL if it has not exited within a bounded wait. */
  stop(): Promise<void>;
}

const running = new Set<ManagedProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

/**
 * Last-resort cleanup: when the test process exits without calling stop(), kill every child it
 * started and remove its temp dirs, so no registry or daemon outlives the run.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const managed of running) {
      if (!managed.exited()) managed.child.kill('SIGKILL');
    }
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

export function startProcess(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
  child.stdin?.on('error', () => undefined);
  let tail = '';
  let hasExited = false;
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', (error) => {
      append(Buffer.from(`\n${name}: ${error.message}\n`));
      hasExited = true;
      resolve();
    });
  });

  const managed: ManagedProcess = {
    child,
    name,
    output: () => tail,
    exited: () => hasExited,
    async stop() {
      running.delete(managed);
      if (hasExited) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitedPromise;
      clearTimeout(killTimer);
    },
  };
  running.add(managed);
  return managed;
}

/** Stops every process started through this module that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((managed) => managed.stop()));
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a short command to completion; `input` goes to stdin (the way to hand a command a secret). */
export function runCommand(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 60_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.once('close', (code, signal) => {
      const result = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
      if (code === 0) resolve(result);
      else {
        const why = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
        reject(new Error(`${command} ${args[0] ?? ''} ${why}: ${result.stderr.trim().slice(-2000)}`));
      }
    });
    // A command that exits without reading stdin makes this write fail with EPIPE: that is fine.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race remains until the caller binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The OS did not assign a port.'));
      });
    });
  });
}

/** A fresh temp dir that is removed when the process exits, unless removed earlier with removeTempDir. */
export async function makeTempDir(prefix: string): Promise<string> {
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), `stevedore-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  tempDirs.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/**
 * Polls `probe` until it returns true, up to `timeoutMs`. Throws `describeFailure()` if the wait
 * runs out or `giveUp()` becomes true (e.g. the process being waited for has exited).
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; giveUp?: () => boolean; describeFailure: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (options.giveUp?.() || Date.now() > deadline) throw new Error(options.describeFailure());
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

export function randomSecret(bytes = 18): string {
  return randomBytes(bytes).toString('hex');
}
