import { describe, expect, it } from 'vitest';
import { catalogCells, keystrokeCells, requestCells, summariseKeystrokes, typingRunCells } from './catalog-report';

const keys = (paint: number[], work: number[]) => paint.map((p, i) => ({ key: String(i), keyToPaintMs: p, workMs: work[i] as number, scriptMs: work[i] as number, renderMs: 0 }));

describe('summariseKeystrokes', () => {
  it('gives the median and the worst of both figures', () => {
    expect(summariseKeystrokes(keys([10, 30, 12], [2, 9, 4]))).toEqual({ count: 3, keyToPaint: { median: 12, worst: 30 }, work: { median: 4, worst: 9 } });
  });
});

describe('catalogCells', () => {
  it('computes the ratios and verdicts against the targets', () => {
    const cells = catalogCells({ artifacts: 20_000, repositories: 10_000, coldMs: 20_000, floorMs: 16_000, warmMs: 2_000 });
    expect(cells).toHaveLength(3);
    expect(cells[1]?.slice(1)).toEqual(['20.00 s', 'bare undici floor: 16.00 s', '0.80×', '≥ 0.7× floor', 'pass']);
    expect(cells[2]?.slice(3)).toEqual(['10.0×', '≥ 20× cold', 'FAIL']);
  });

  it('judges typing by its median and worst keystroke against one frame', () => {
    const cells = catalogCells({ artifacts: 2, repositories: 1, coldMs: 1, floorMs: 1, warmMs: 1, typing: { rows: 100_000, keys: keys([8, 9, 40], [3, 4, 16]) } });
    expect(cells.slice(3).map((row) => [row[1], row[5]])).toEqual([
      ['9.0 ms', 'pass'],
      ['40.0 ms', 'FAIL'],
      ['4.0 ms / 16.0 ms', 'pass'],
    ]);
    expect(cells[3]?.[0]).toContain('100,000 rows, median of 3');
  });
});

describe('requestCells', () => {
  it('lists only the routes someone used, with totals', () => {
    expect(requestCells([
      { name: 'cold', counts: { 'GET tags/list': 2, 'HEAD manifest': 4, 'GET manifest': 4 } },
      { name: 'warm', counts: { 'GET tags/list': 2, 'HEAD manifest': 4 } },
    ])).toEqual([
      ['Requests', 'cold', 'warm'],
      ['GET tags/list', '2', '2'],
      ['HEAD manifest', '4', '4'],
      ['GET manifest', '4', '0'],
      ['total', '10', '6'],
    ]);
  });
});

describe('keystrokeCells', () => {
  it('replays the query each key left behind, Backspace included', () => {
    const cells = keystrokeCells([
      { key: 'a', keyToPaintMs: 9, workMs: 5, scriptMs: 3, renderMs: 2 },
      { key: 'b', keyToPaintMs: 9, workMs: 5, scriptMs: 3, renderMs: 2 },
      { key: 'Backspace', keyToPaintMs: 9, workMs: 5, scriptMs: 3, renderMs: 2 },
      { key: 'Backspace', keyToPaintMs: 20, workMs: 18, scriptMs: 15, renderMs: 3 },
    ], [0, 0, 1, 4]);
    expect(cells.map((row) => row[2])).toEqual(['Query after', 'a', 'ab', 'a', '(empty)']);
    expect(cells[4]?.slice(3)).toEqual(['20.0 ms', '18.0 ms', '15.0 ms', '3.0 ms', '4']);
  });
});

describe('typingRunCells', () => {
  it('gives one row per run and, per renderer, the median of the runs', () => {
    const cells = typingRunCells([
      { renderer: 'a', keys: keys([10, 20, 30], [5, 10, 18]) },
      { renderer: 'b', keys: keys([8, 9, 10], [2, 3, 4]) },
      { renderer: 'a', keys: keys([12, 14, 40], [6, 7, 8]) },
    ]);
    expect(cells).toHaveLength(6);
    expect(cells[1]).toEqual(['1', 'a', '20.0 ms', '30.0 ms', '10.0 ms', '18.0 ms', 'FAIL']);
    expect(cells[2]?.[6]).toBe('pass');
    expect(cells[4]).toEqual(['median of 2', 'a', '17.0 ms', '35.0 ms', '8.5 ms', '13.0 ms', '']);
    expect(cells[5]).toEqual(['median of 1', 'b', '9.0 ms', '10.0 ms', '3.0 ms', '4.0 ms', '']);
  });
});
