import { median, speedRatio } from '../stats';
import type { KeystrokeFigures } from './keystroke-timing';
import type { Route, RouteCounts } from './request-counter';

export const FRAME_BUDGET_MS = 1000 / 60;
export const COLD_TARGET = 0.7;
export const WARM_TARGET = 20;

export interface CatalogFigures {
  artifacts: number;
  repositories: number;
  coldMs: number;
  floorMs: number;
  warmMs: number;
  typing?: { rows: number; keys: KeystrokeFigures[] };
}

export interface KeystrokeSummary {
  count: number;
  keyToPaint: { median: number; worst: number };
  work: { median: number; worst: number };
}

export function summariseKeystrokes(keys: readonly KeystrokeFigures[]): KeystrokeSummary {
  const paint = keys.map((k) => k.keyToPaintMs);
  const work = keys.map((k) => k.workMs);
  return {
    count: keys.length,
    keyToPaint: { median: median(paint), worst: Math.max(...paint) },
    work: { median: median(work), worst: Math.max(...work) },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;
const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');

/** The result table as cells, header first: one row per target. */
export function catalogCells(f: CatalogFigures): string[][] {
  const what = `${f.repositories.toLocaleString('en')} repositories, ${f.artifacts.toLocaleString('en')} artifacts`;
  const cold = speedRatio(f.coldMs, f.floorMs);
  const warm = speedRatio(f.warmMs, f.coldMs);
  const cells = [
    ['Measurement', 'Stevedore', 'Compared with', 'Ratio', 'Target', 'Result'],
    [`cold open: list + classify ${what}`, seconds(f.coldMs), `bare undici floor: ${seconds(f.floorMs)}`, `${cold.toFixed(2)}×`, `≥ ${COLD_TARGET}× floor`, verdict(cold >= COLD_TARGET)],
    [`warm open (same data dir, no refresh), ${what}`, seconds(f.warmMs), `cold open: ${seconds(f.coldMs)}`, `${warm.toFixed(1)}×`, `≥ ${WARM_TARGET}× cold`, verdict(warm >= WARM_TARGET)],
  ];
  if (f.typing && f.typing.keys.length > 0) {
    const s = summariseKeystrokes(f.typing.keys);
    const rows = f.typing.rows.toLocaleString('en');
    const budget = `≤ ${FRAME_BUDGET_MS.toFixed(1)} ms`;
    cells.push(
      [`search keystroke → next paint, ${rows} rows, median of ${s.count}`, millis(s.keyToPaint.median), 'frame budget', '—', budget, verdict(s.keyToPaint.median <= FRAME_BUDGET_MS)],
      [`search keystroke → next paint, ${rows} rows, worst of ${s.count}`, millis(s.keyToPaint.worst), 'frame budget', '—', budget, verdict(s.keyToPaint.worst <= FRAME_BUDGET_MS)],
      [`search keystroke main-thread work, median / worst`, `${millis(s.work.median)} / ${millis(s.work.worst)}`, 'frame budget', '—', budget, verdict(s.work.worst <= FRAME_BUDGET_MS)],
    );
  }
  return cells;
}

export const ROUTES: readonly Route[] = ['GET /v2/', 'GET _catalog', 'GET tags/list', 'HEAD manifest', 'GET manifest', 'other'];

/** Requests per route for each contender, header first. */
export function requestCells(columns: ReadonlyArray<{ name: string; counts: RouteCounts }>): string[][] {
  const cells = [['Requests', ...columns.map((c) => c.name)]];
  for (const route of ROUTES) {
    if (columns.every((c) => !c.counts[route])) continue;
    cells.push([route, ...columns.map((c) => (c.counts[route] ?? 0).toLocaleString('en'))]);
  }
  cells.push(['total', ...columns.map((c) => Object.values(c.counts).reduce((a, b) => a + (b ?? 0), 0).toLocaleString('en'))]);
  return cells;
}

/** Every keystroke, for the record: which key, the query it left, and where its time went. */
export function keystrokeCells(keys: readonly KeystrokeFigures[], hostMessages: readonly number[] = []): string[][] {
  const cells = [['#', 'Key', 'Query after', 'Key → next paint', 'Work', 'Script (filter + DOM update)', 'Style/layout/paint', 'Host messages meanwhile']];
  let text = '';
  for (const [index, k] of keys.entries()) {
    text = k.key === 'Backspace' ? text.slice(0, -1) : `${text}${k.key}`;
    cells.push([String(index + 1), k.key, text === '' ? '(empty)' : text, millis(k.keyToPaintMs), millis(k.workMs), millis(k.scriptMs), millis(k.renderMs), String(hostMessages[index] ?? '—')]);
  }
  return cells;
}

/** One typing measurement of a `--only typing` run: which renderer, and its keystrokes typed then deleted. */
export interface TypingRun {
  renderer: string;
  keys: readonly KeystrokeFigures[];
}

/** One row per typing run (median and worst of key → next paint and of work), then the median of each column over the runs. */
export function typingRunCells(runs: readonly TypingRun[]): string[][] {
  const cells = [['Run', 'Renderer', 'Key → next paint median', 'Key → next paint worst', 'Work median', 'Work worst', 'Worst work within a frame']];
  const summaries = runs.map((run) => summariseKeystrokes(run.keys));
  for (const [index, s] of summaries.entries()) {
    cells.push([String(index + 1), runs[index]?.renderer ?? '', millis(s.keyToPaint.median), millis(s.keyToPaint.worst), millis(s.work.median), millis(s.work.worst), verdict(s.work.worst <= FRAME_BUDGET_MS)]);
  }
  for (const renderer of [...new Set(runs.map((run) => run.renderer))]) {
    const mine = summaries.filter((_, index) => runs[index]?.renderer === renderer);
    const of = (pick: (s: KeystrokeSummary) => number) => millis(median(mine.map(pick)));
    cells.push([`median of ${mine.length}`, renderer, of((s) => s.keyToPaint.median), of((s) => s.keyToPaint.worst), of((s) => s.work.median), of((s) => s.work.worst), '']);
  }
  return cells;
}
