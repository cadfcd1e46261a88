import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ChildReport } from './child';
import type { Job } from './jobs';

/** Runs a Node-side job in a fresh child process (the bundled child.mjs beside this bundle). */
export async function measureJob(job: Job): Promise<ChildReport> {
  const childPath = fileURLToPath(new URL('./child.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [childPath, JSON.stringify(job)]);
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildReport;
}

/** Times a whole external command (skopeo, curl): the user waits for all of it. */
export async function measureCommand(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(command, args, env);
  return performance.now() - started;
}

/** Runs a whole external command and returns what it printed (for the few whose answer is needed). */
export async function commandOutput(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return (await run(command, args, env)).stdout;
}

/** fdatasync a file another program wrote, so its peer's durability matches ours. */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

const COMMAND_TIMEOUT_MS = 15 * 60 * 1000;

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env, timeout: COMMAND_TIMEOUT_MS });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve({ stdout: Buffer.concat(out).toString('utf8') });
      else reject(new Error(`${command} ${args[0] ?? ''} failed (${signal ?? `exit ${String(code)}`}): ${err.trim()}`));
    });
  });
}
