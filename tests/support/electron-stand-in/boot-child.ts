// The child process of the boot test: loads a built main bundle with the stand-in `electron`,
// plays the runtime (ready, a loaded window, IPC, the protocol) and the user (steps, then quit),
// and writes what it saw to a JSON report. Run: node boot-child.cjs <plan.json> <report.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { BootPlan, BootReport, StepResult } from './boot-plan';
import { installElectronModule } from './install';
import { Journal } from './journal';
import { createMainStandIn } from './main-stand-in';
import { runStep, waitFor } from './run-step';

const [planPath, reportPath] = process.argv.slice(2);
if (planPath === undefined || reportPath === undefined) throw new Error('usage: boot-child <plan.json> <report.json>');
const plan = JSON.parse(readFileSync(planPath, 'utf8')) as BootPlan;

const journal = new Journal();
const standIn = createMainStandIn(plan.standIn, journal);
installElectronModule(standIn.electron);

const report: BootReport = { outcome: 'crashed', requireMs: 0, firstLoadUrlMs: null, steps: [], journal: journal.entries, uncaught: [], lingering: [] };
let written = false;

function writeReport(): void {
  written = true;
  report.firstLoadUrlMs = journal.calls('BrowserWindow#loadURL')[0]?.at ?? null;
  writeFileSync(reportPath!, JSON.stringify(report));
}

// What the child itself holds open (its stdout and stderr pipes) before the app runs.
void [process.stdout, process.stderr];
const baseline = process.getActiveResourcesInfo();

/** Resources open now that were not before the app ran (the linger timer itself is unref'd, so not counted). */
function openSinceStart(): string[] {
  const left = [...baseline];
  return process.getActiveResourcesInfo().filter((name) => {
    const index = left.indexOf(name);
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

/** The end of the scenario: the process should now end by itself; if it does not, say what holds it. */
function finish(): void {
  process.once('beforeExit', () => {
    if (!written) writeReport();
  });
  setTimeout(() => {
    report.lingering = openSinceStart();
    writeReport();
    process.exit(3);
  }, plan.lingerMs).unref();
}

process.on('uncaughtException', (error) => report.uncaught.push(error.stack ?? String(error)));
process.on('unhandledRejection', (reason) => report.uncaught.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

async function play(): Promise<void> {
  const started = performance.now();
  try {
    createRequire(plan.bundle)(plan.bundle);
  } catch (error) {
    report.error = `Loading the bundle failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    return;
  } finally {
    report.requireMs = Math.round((performance.now() - started) * 10) / 10;
  }
  // Electron emits ready once the main script's first turn is over.
  await new Promise((resolve) => setImmediate(resolve));
  if (standIn.app.quitting || journal.calls('app.quit').length > 0) {
    report.outcome = 'quit-before-ready';
    return;
  }
  standIn.app.becomeReady();
  try {
    await waitFor(
      () => journal.calls('runtime.did-finish-load').length > 0 || standIn.app.exitCode !== null || journal.calls('runtime.did-fail-load').length > 0,
      plan.openTimeoutMs,
      'the window to load',
    );
  } catch (error) {
    report.outcome = 'did-not-open';
    report.error = error instanceof Error ? error.message : String(error);
    return;
  }
  if (journal.calls('runtime.did-finish-load').length === 0) {
    report.outcome = 'did-not-open';
    report.error = standIn.app.exitCode !== null ? `The app exited with code ${standIn.app.exitCode}.` : 'The window failed to load.';
    return;
  }
  const results = new Map<string, unknown>();
  for (const step of plan.steps) {
    journal.record('runtime.step', step.label ?? step.kind);
    const result = await runTimed(step, results);
    report.steps.push(result);
    if (step.label !== undefined && result.ok) results.set(step.label, result.value);
  }
  report.outcome = 'ran';
}

async function runTimed(step: BootPlan['steps'][number], results: ReadonlyMap<string, unknown>): Promise<StepResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`The step did not finish in ${plan.stepTimeoutMs} ms.`)), plan.stepTimeoutMs);
  });
  try {
    return { step, ok: true, value: await Promise.race([runStep(step, standIn, journal, plan, results), timeout]) };
  } catch (error) {
    return { step, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

play().then(finish, (error: unknown) => {
  report.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  finish();
});
