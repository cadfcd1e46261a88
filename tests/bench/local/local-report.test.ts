import { describe, expect, it } from 'vitest';
import { loadLine, timeCells } from './local-report';

describe('Local bench time table', () => {
  it('shows the median, every run, peak RSS, the comparison ratio and the verdict against the limit', () => {
    const cells = timeCells([
      { measurement: 'warm open', ms: [300, 120, 200], peakRssBytes: 90 * 1024 * 1024, limitMs: 500, compare: { name: 'cold open', ms: [4000, 6000, 5000] } },
      { measurement: 'cold open', ms: [12_345], limitMs: 500 },
      { measurement: 'floor', ms: [800, 1000] },
    ]);
    expect(cells[0]).toEqual(['Measurement', 'Stevedore (median)', 'Every run', 'Peak RSS', 'Compared with', 'Ratio', 'Target', 'Result']);
    expect(cells[1]).toEqual(['warm open', '0.200 s', '0.300 s, 0.120 s, 0.200 s', '90 MiB', 'cold open: 5.000 s', '25.00×', '≤ 0.500 s', 'pass']);
    expect(cells[2]).toEqual(['cold open', '12.3 s', '12.3 s', '—', '—', '—', '≤ 0.500 s', 'FAIL']);
    expect(cells[3]).toEqual(['floor', '0.900 s', '0.800 s, 1.000 s', '—', '—', '—', '—', '—']);
  });

  it('states the load with one decimal and the core count', () => {
    expect(loadLine(1.234, 7, 2)).toBe('Load average (1 min) 1.2 at the start and 7.0 at the end, on 2 cores shared with other work: read the ratios with that in mind.');
  });
});
