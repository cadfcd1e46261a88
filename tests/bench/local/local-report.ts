import { median } from '../stats';

/** One timed measurement: a median against a time limit, a comparison, or both. */
export interface TimeRow {
  measurement: string;
  /** Every run's time, ms. */
  ms: readonly number[];
  /** Peak RSS of the measuring process over the runs, bytes (shown beside the time). */
  peakRssBytes?: number;
  limitMs?: number;
  /** Shown as "compared with"; the ratio is its median over ours (above 1: we are faster). */
  compare?: { name: string; ms: readonly number[] };
}

const MiB = 1024 * 1024;

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(3)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The time table as rows of cells, header first: median, every run, comparison, limit and verdict. */
export function timeCells(rows: readonly TimeRow[]): string[][] {
  const cells = [['Measurement', 'Stevedore (median)', 'Every run', 'Peak RSS', 'Compared with', 'Ratio', 'Target', 'Result']];
  for (const row of rows) {
    const ours = median(row.ms);
    const theirs = row.compare ? median(row.compare.ms) : undefined;
    cells.push([
      row.measurement,
      seconds(ours),
      row.ms.map(seconds).join(', '),
      row.peakRssBytes === undefined ? '—' : `${(row.peakRssBytes / MiB).toFixed(0)} MiB`,
      row.compare && theirs !== undefined ? `${row.compare.name}: ${seconds(theirs)}` : '—',
      theirs === undefined ? '—' : `${(theirs / ours).toFixed(2)}×`,
      row.limitMs === undefined ? '—' : `≤ ${seconds(row.limitMs)}`,
      row.limitMs === undefined ? '—' : ours <= row.limitMs ? 'pass' : 'FAIL',
    ]);
  }
  return cells;
}

/** "Load average (1 min) a at the start, b at the end, on n cores …", one decimal. */
export function loadLine(before: number, after: number, cores: number): string {
  return `Load average (1 min) ${before.toFixed(1)} at the start and ${after.toFixed(1)} at the end, on ${cores} cores shared with other work: read the ratios with that in mind.`;
}
