import type { BootReport, StepResult } from '../../support/electron-stand-in/boot-plan';
import type { JournalEntry } from '../../support/electron-stand-in/journal';

export const callLabel = (name: string): string => `call:${name}`;

export function stepResult(report: BootReport, label: string): StepResult {
  const found = report.steps.find((result) => result.step.label === label);
  if (found === undefined) throw new Error(`The boot report has no step labelled ${label} (outcome ${report.outcome}${report.error ? `: ${report.error}` : ''}).`);
  return found;
}

/** What the app answered in a step that succeeded; throws with the step's error otherwise. */
export function stepValue<T = unknown>(report: BootReport, label: string): T {
  const result = stepResult(report, label);
  if (!result.ok) throw new Error(`Step ${label} failed: ${result.error}`);
  return result.value as T;
}

/** The journal entries made while the step labelled `label` ran. */
export function journalDuring(report: BootReport, label: string): JournalEntry[] {
  const start = report.journal.findIndex((entry) => entry.api === 'runtime.step' && entry.args[0] === label);
  if (start < 0) throw new Error(`No step labelled ${label} ran.`);
  const next = report.journal.findIndex((entry, index) => index > start && entry.api === 'runtime.step');
  return report.journal.slice(start + 1, next < 0 ? undefined : next);
}

export function journalCalls(report: BootReport, api: string): JournalEntry[] {
  return report.journal.filter((entry) => entry.api === api);
}

interface EnvelopeLike {
  ok?: boolean;
  error?: { code?: string; message?: string };
}

/**
 * The calls whose answer did not come from their service: no answer at all, the dispatcher refusing
 * the name or the sample input, or an internal error (what a handler missing from the bundle gives).
 */
export function callsMissingTheirService(report: BootReport, names: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const result = report.steps.find((step) => step.step.label === callLabel(name));
    if (result === undefined) {
      problems.push(`${name}: not called`);
      continue;
    }
    if (!result.ok) {
      problems.push(`${name}: ${result.error}`);
      continue;
    }
    const envelope = result.value as EnvelopeLike | null;
    if (envelope?.ok === true) continue;
    const code = envelope?.error?.code;
    const message = envelope?.error?.message ?? '';
    if (code === undefined || code === 'internal' || /^(Unknown call|Invalid arguments)/.test(message)) {
      problems.push(`${name}: ${JSON.stringify(envelope).slice(0, 300)}`);
    }
  }
  return problems;
}

/** Everything that says the boot went wrong as a whole, for one readable failure. */
export function bootProblems(run: { report: BootReport; exitCode: number | null; signal: string | null }): string[] {
  const { report } = run;
  const problems: string[] = [];
  if (report.error !== undefined) problems.push(`error: ${report.error}`);
  if (run.exitCode !== 0) problems.push(`exit code ${String(run.exitCode)}${run.signal ? ` (${run.signal})` : ''}`);
  for (const text of report.uncaught) problems.push(`uncaught: ${text.slice(0, 500)}`);
  if (report.lingering.length > 0) problems.push(`still open after quit: ${report.lingering.join(', ')}`);
  for (const entry of journalCalls(report, 'missing')) problems.push(`used an Electron API the stand-in lacks: ${String(entry.args[0])}`);
  return problems;
}
