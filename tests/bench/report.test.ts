import { describe, expect, it } from 'vitest';
import { markdownTable, tableCells, textTable, verdict, type SpeedRow } from './report';

const MiB = 1024 * 1024;
const push: SpeedRow = {
  operation: 'push 1024 MiB',
  bytes: 1000 * 1000 * 1000,
  stevedoreMs: 4000,
  peer: { name: 'skopeo', ms: 6000, target: 1.3 },
  floor: { name: 'floor', ms: 3800, target: 0.9 },
};

describe('bench report', () => {
  it('passes a row only when every ratio meets its target', () => {
    expect(verdict(push)).toEqual({ peerRatio: 1.5, floorRatio: 0.95, ceilingRatio: undefined, pass: true });
    expect(verdict({ ...push, peer: { ...push.peer, ms: 5000 } }).pass).toBe(false);
    expect(verdict({ ...push, floor: { name: 'floor', ms: 3000, target: 0.9 } }).pass).toBe(false);
    const { floor: _floor, ...withoutFloor } = push;
    expect(verdict(withoutFloor)).toEqual({ peerRatio: 1.5, floorRatio: undefined, ceilingRatio: undefined, pass: true });
  });

  it('renders throughput, ratios, targets and memory verdicts', () => {
    const cells = tableCells([push], [{ operation: 'peak memory, push', peakBytes: 160 * MiB, baselineBytes: 60 * MiB, limitBytes: 150 * MiB }]);
    expect(cells[1]).toEqual(['push 1024 MiB', '250 MB/s (4.00 s)', 'skopeo: 167 MB/s (6.00 s)', 'floor: 263 MB/s (3.80 s)', '—', '1.50×', '0.95×', '—', '≥ 1.3× peer, ≥ 0.9× floor', 'pass']);
    expect(cells[2]).toEqual(['peak memory, push', '160 MiB peak RSS (Node alone: 60 MiB)', '—', '—', '—', '—', '—', '—', '≤ 150 MiB', 'FAIL']);
  });

  it('compares with the fastest registry ceiling but never fails a row on it', () => {
    const row: SpeedRow = { ...push, ceilings: [{ name: 'curl PUT', ms: 3600 }, { name: 'curl PATCH+PUT', ms: 3200 }] };
    expect(verdict(row)).toEqual({ peerRatio: 1.5, floorRatio: 0.95, ceilingRatio: 0.8, pass: true });
    const cells = tableCells([row], []);
    expect(cells[0]?.[4]).toBe('Registry ceiling');
    expect(cells[1]?.[4]).toBe('curl PUT: 278 MB/s (3.60 s); curl PATCH+PUT: 313 MB/s (3.20 s)');
    expect(cells[1]?.[7]).toBe('0.80×');
  });

  it('writes a markdown table with a separator row and escaped pipes', () => {
    const table = markdownTable([['a', 'b'], ['x|y', 'z']]);
    expect(table).toBe('| a | b |\n| --- | --- |\n| x\\|y | z |');
  });

  it('pads the text table to the widest cell of each column', () => {
    expect(textTable([['op', 'v'], ['push', '1']]).split('\n')).toEqual(['op    v', '----  -', 'push  1']);
  });
});
