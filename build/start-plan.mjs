// Pure decisions for build/start.mjs: is Electron's runtime here, and what to run instead.
import path from 'node:path';

export const WEB_MODE_NOTICE =
  "Electron's runtime is not installed here (it is downloaded on first run and this machine is offline): starting Stevedore in web mode instead.";

/**
 * Whether the `electron` package has its binary, found the way the package itself finds it
 * (node_modules/electron/index.js), without requiring it: requiring it would start a download.
 */
export function electronRuntime({ electronDir, env, exists, readFile }) {
  if (!exists(path.join(electronDir, 'package.json'))) return { present: false, reason: 'the electron package is not installed' };
  const pathFile = path.join(electronDir, 'path.txt');
  const executablePath = exists(pathFile) ? readFile(pathFile).trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, executablePath || 'electron');
    return exists(binary) ? { present: true, binary } : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(binary)}` };
  }
  if (executablePath === '') return { present: false, reason: 'the Electron binary was never downloaded' };
  const binary = path.join(electronDir, 'dist', executablePath);
  return exists(binary) ? { present: true, binary } : { present: false, reason: 'the Electron binary is missing' };
}

/** The command `npm start` runs: Electron on the repo, or the web host with a one-line notice. */
export function startPlan(runtime, { repoRoot, nodePath, webEntry, webEntryExists }) {
  if (runtime.present) return { command: runtime.binary, args: [repoRoot] };
  if (!webEntryExists) {
    return { error: `${path.relative(repoRoot, webEntry) || webEntry} is missing: run \`npm run build\` first (npm start does both).` };
  }
  return { notice: WEB_MODE_NOTICE, command: nodePath, args: [webEntry] };
}
