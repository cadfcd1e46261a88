import { megabytesPerSecond, speedRatio } from './stats';

/** One speed comparison, medians in milliseconds; the floor is optional. */
export interface SpeedRow {
  operation: string;
  bytes: number;
  stevedoreMs: number;
  peer: { name: string; ms: number; target: number };
  floor?: { name: string; ms: number; target: number };
  /**
   * The registry's own ingest ceiling: the cheapest clients possible (curl, digest known), no
   * target; the fastest of them is what "vs ceiling" compares with.
   */
  ceilings?: ReadonlyArray<{ name: string; ms: number }>;
}

/** One memory check: Stevedore's peak RSS against its limit. */
export interface MemoryRow {
  operation: string;
  peakBytes: number;
  baselineBytes: number;
  limitBytes: number;
}

export interface Verdict {
  peerRatio: number;
  floorRatio: number | undefined;
  /** Against the fastest ceiling contender; informational, never part of `pass`. */
  ceilingRatio: number | undefined;
  pass: boolean;
}

export function verdict(row: SpeedRow): Verdict {
  const peerRatio = speedRatio(row.stevedoreMs, row.peer.ms);
  const floorRatio = row.floor ? speedRatio(row.stevedoreMs, row.floor.ms) : undefined;
  const fastestCeiling = row.ceilings?.length ? Math.min(...row.ceilings.map((ceiling) => ceiling.ms)) : undefined;
  const ceilingRatio = fastestCeiling === undefined ? undefined : speedRatio(row.stevedoreMs, fastestCeiling);
  const pass = peerRatio >= row.peer.target && (row.floor === undefined || (floorRatio as number) >= row.floor.target);
  return { peerRatio, floorRatio, ceilingRatio, pass };
}

const MiB = 1024 * 1024;

function speed(bytes: number, ms: number): string {
  return `${megabytesPerSecond(bytes, ms).toFixed(0)} MB/s (${(ms / 1000).toFixed(2)} s)`;
}

function ratio(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(2)}×`;
}

/** The table as rows of cells: header first. */
export function tableCells(speedRows: readonly SpeedRow[], memoryRows: readonly MemoryRow[]): string[][] {
  const cells = [['Operation', 'Stevedore', 'Peer', 'Floor', 'Registry ceiling', 'vs peer', 'vs floor', 'vs ceiling', 'Target', 'Result']];
  for (const row of speedRows) {
    const result = verdict(row);
    cells.push([
      row.operation,
      speed(row.bytes, row.stevedoreMs),
      `${row.peer.name}: ${speed(row.bytes, row.peer.ms)}`,
      row.floor ? `${row.floor.name}: ${speed(row.bytes, row.floor.ms)}` : '—',
      row.ceilings?.length ? row.ceilings.map((ceiling) => `${ceiling.name}: ${speed(row.bytes, ceiling.ms)}`).join('; ') : '—',
      ratio(result.peerRatio),
      ratio(result.floorRatio),
      ratio(result.ceilingRatio),
      `≥ ${row.peer.target}× peer${row.floor ? `, ≥ ${row.floor.target}× floor` : ''}`,
      result.pass ? 'pass' : 'FAIL',
    ]);
  }
  for (const row of memoryRows) {
    const pass = row.peakBytes <= row.limitBytes;
    cells.push([
      row.operation,
      `${(row.peakBytes / MiB).toFixed(0)} MiB peak RSS (Node alone: ${(row.baselineBytes / MiB).toFixed(0)} MiB)`,
      '—',
      '—',
      '—',
      '—',
      '—',
      '—',
      `≤ ${(row.limitBytes / MiB).toFixed(0)} MiB`,
      pass ? 'pass' : 'FAIL',
    ]);
  }
  return cells;
}

export function markdownTable(cells: readonly string[][]): string {
  const [head, ...body] = cells;
  if (!head) return '';
  const line = (row: readonly string[]) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

/** A plain-text table for the terminal, columns padded to their widest cell. */
export function textTable(cells: readonly string[][]): string {
  const widths = (cells[0] ?? []).map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const [head, ...body] = cells;
  if (!head) return '';
  return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}
