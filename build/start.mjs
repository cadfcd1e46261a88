// `npm start` (after the build): Electron when its runtime is installed, otherwise web mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronRuntime, startPlan } from './start-plan.mjs';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'];

/** Runs the app in the foreground and resolves with its exit code; signals to this process reach it. */
export function runStart({ repoRoot, env = process.env, webEntry = path.join(repoRoot, 'out', 'web', 'web.mjs') }) {
  const runtime = electronRuntime({
    electronDir: path.join(repoRoot, 'node_modules', 'electron'),
    env,
    exists: existsSync,
    readFile: (file) => readFileSync(file, 'utf8'),
  });
  const plan = startPlan(runtime, { repoRoot, nodePath: process.execPath, webEntry, webEntryExists: existsSync(webEntry) });
  if (plan.error) {
    console.error(plan.error);
    return Promise.resolve(1);
  }
  if (plan.notice) console.log(plan.notice);

  const child = spawn(plan.command, plan.args, { cwd: repoRoot, env, stdio: 'inherit' });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`Could not start ${path.basename(plan.command)}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  process.exitCode = await runStart({ repoRoot });
}
