#!/usr/bin/env node
// `npm test`: the one test command. Installs what the tests need (Debian packages, keytar),
// builds, type-checks, lints, runs vitest (unit + integration) and Playwright, then prints a
// summary whose very last line is exactly `N passed, N failed`.
// Plain Node: no dependencies beyond node_modules. Never prints secrets: it only streams the
// output of the steps, and the tests generate their own throw-away credentials.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const STEP_TIMEOUT_MS = 30 * 60 * 1000;

/** Debian packages the tests use, each with a probe that works without dpkg. */
const DEBIAN_PACKAGES = [
  { pkg: 'docker-registry', why: 'the test registry', probe: () => existsSync('/usr/bin/docker-registry') },
  { pkg: 'chromium', why: 'Playwright end-to-end tests', probe: () => existsSync('/usr/bin/chromium') },
  { pkg: 'gnome-keyring', why: 'a real Secret Service for keychain tests', probe: () => onPath('gnome-keyring-daemon') },
  { pkg: 'dbus', why: 'a private session bus for the keyring', probe: () => onPath('dbus-daemon') && onPath('dbus-send') },
  { pkg: 'libsecret-1-dev', why: 'building keytar', probe: () => existsSync('/usr/include/libsecret-1/libsecret/secret.h') },
  { pkg: 'skopeo', why: 'pushing test artifacts with a reference client', probe: () => onPath('skopeo') },
  { pkg: 'apache2-utils', why: 'htpasswd for the test registry', probe: () => onPath('htpasswd') },
  { pkg: 'openssl', why: "the token server's certificate", probe: () => onPath('openssl') },
  { pkg: 'umoci', why: 'the reference unpacker a flattened root file system is compared with', probe: () => onPath('umoci') },
];

const results = [];
const tally = { passed: 0, failed: 0 };
const tempDir = mkdtempSync(join(tmpdir(), 'stevedore-test-run-'));
process.on('exit', () => rmSync(tempDir, { recursive: true, force: true }));

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function banner(title) {
  process.stdout.write(`\n\u25b6 ${title}\n`);
}

function record(step, status, note = '', ms = 0) {
  results.push({ step, status, note, ms });
}

/** Runs a command with its output streamed; resolves with its exit code (never rejects). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...(options.env ?? {}) },
    });
    const timer = setTimeout(() => {
      process.stderr.write(`\n${command} ran longer than ${STEP_TIMEOUT_MS / 60000} minutes: stopping it.\n`);
      child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      process.stderr.write(`Could not run ${command}: ${error.message}\n`);
      resolve(127);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** A step whose only outcome is pass/fail (typecheck, lint, build): a failure counts as one failed test. */
async function gate(step, command, args, options) {
  banner(step);
  const started = Date.now();
  const code = await run(command, args, options);
  const ms = Date.now() - started;
  if (code === 0) record(step, 'ok', '', ms);
  else {
    tally.failed += 1;
    record(step, 'FAILED', `exit code ${code}`, ms);
  }
  return code === 0;
}

async function ensureDebianPackages() {
  const step = 'system packages';
  banner(step);
  let missing = DEBIAN_PACKAGES.filter((p) => !p.probe());
  if (missing.length === 0) {
    console.log('All needed Debian packages are present.');
    record(step, 'ok');
    return true;
  }
  const names = missing.map((p) => p.pkg);
  console.log(`Missing: ${missing.map((p) => `${p.pkg} (${p.why})`).join(', ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    console.log('\nInstall them and run `npm install` again (to build keytar), then `npm test`:');
    console.log(`  sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`);
    console.log('(Package names are Debian/Ubuntu ones; on other systems install the equivalents.)');
    return false;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    (await run('apt-get', ['update'], { env })) === 0 &&
    (await run('apt-get', ['install', '-y', ...names], { env })) === 0;
  missing = DEBIAN_PACKAGES.filter((p) => !p.probe());
  if (!ok || missing.length > 0) {
    console.log(`\nCould not install: ${missing.map((p) => p.pkg).join(', ') || names.join(', ')}. See apt-get's output above.`);
    return false;
  }
  record(step, 'ok', `installed ${names.join(' ')}`);
  return true;
}

function keytarLoads() {
  return spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, stdio: 'ignore' }).status === 0;
}

async function ensureKeytar() {
  const step = 'keytar';
  banner(step);
  if (keytarLoads()) {
    console.log('keytar loads.');
    record(step, 'ok');
    return;
  }
  // npm drops the optional native build when libsecret was missing at install time: build it now.
  console.log('keytar does not load: running `npm install` once more to build it.');
  await run('npm', ['install', '--no-audit', '--no-fund']);
  if (keytarLoads()) record(step, 'ok', 'built by a second npm install');
  else {
    tally.failed += 1;
    record(step, 'FAILED', 'keytar still does not load after npm install (is libsecret-1-dev installed?)');
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function vitest() {
  const step = 'vitest (unit + integration)';
  banner(step);
  const report = join(tempDir, 'vitest.json');
  const started = Date.now();
  const code = await run(bin('vitest'), [
    'run', '-c', 'build/vitest.config.ts',
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
  ]);
  const ms = Date.now() - started;
  const json = readJson(report);
  if (!json) {
    tally.failed += 1;
    record(step, 'FAILED', `no JSON report (exit code ${code})`, ms);
    return;
  }
  const passed = json.numPassedTests ?? 0;
  let failed = json.numFailedTests ?? 0;
  // A file that fails to load has no failed test but fails the run: count it.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
  failed += brokenFiles;
  if (code !== 0 && failed === 0) failed = 1;
  tally.passed += passed;
  tally.failed += failed;
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  const note = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${brokenFiles ? ` (${brokenFiles} file(s) failed to run)` : ''}`;
  record(step, failed ? 'FAILED' : 'ok', note, ms);
}

async function playwright() {
  const step = 'playwright (e2e)';
  const config = 'tests/e2e/playwright.config.ts';
  if (!existsSync(join(root, config))) {
    record(step, 'skipped', `${config} does not exist yet`);
    return;
  }
  banner(step);
  const report = join(tempDir, 'playwright.json');
  const started = Date.now();
  const code = await run(bin('playwright'), ['test', '-c', config, '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: report, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  const ms = Date.now() - started;
  const stats = readJson(report)?.stats;
  if (!stats) {
    tally.failed += 1;
    record(step, 'FAILED', `no JSON report (exit code ${code})`, ms);
    return;
  }
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  if (code !== 0 && failed === 0) failed = 1;
  tally.passed += passed;
  tally.failed += failed;
  const extra = [stats.flaky ? `${stats.flaky} flaky` : '', stats.skipped ? `${stats.skipped} skipped` : ''].filter(Boolean).join(', ');
  record(step, failed ? 'FAILED' : 'ok', `${passed} passed, ${failed} failed${extra ? `, ${extra}` : ''}`, ms);
}

function summary() {
  console.log('\n=== Summary ===');
  const width = Math.max(...results.map((r) => r.step.length));
  for (const r of results) {
    const time = r.ms ? ` ${(r.ms / 1000).toFixed(1)}s` : '';
    console.log(`${r.status.padEnd(7)} ${r.step.padEnd(width)}${time}${r.note ? `  ${r.note}` : ''}`);
  }
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
}

async function main() {
  if (!existsSync(bin('vitest'))) {
    console.log('node_modules is missing or incomplete: run `npm install` first.');
    tally.failed += 1;
    record('npm packages', 'FAILED', 'run npm install');
    summary();
    return 1;
  }
  if (!(await ensureDebianPackages())) {
    tally.failed += 1;
    record('system packages', 'FAILED', 'missing Debian packages (see above)');
    summary();
    return 1;
  }
  await ensureKeytar();

  if (existsSync(join(root, 'build', 'build.mjs'))) await gate('build', 'npm', ['run', 'build']);
  else record('build', 'skipped', 'build/build.mjs does not exist yet');

  await gate('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  if (existsSync(join(root, 'renderer', 'tsconfig.json'))) {
    await gate('typecheck (svelte-check)', bin('svelte-check'), ['--tsconfig', 'renderer/tsconfig.json', '--fail-on-warnings', '--output', 'human']);
  } else record('typecheck (svelte-check)', 'skipped', 'renderer/tsconfig.json does not exist yet');
  await gate('lint', bin('eslint'), ['-c', 'build/eslint.config.js', '.']);
  await vitest();
  await playwright();

  summary();
  return tally.failed === 0 && tally.passed > 0 ? 0 : 1;
}

process.exitCode = await main();
