import { describe, expect, it } from 'vitest';
import { oneOf, parseSuiteFlags, picks, text, whole } from './suite-flags';

interface Options {
  runs: number;
  rows: string[];
  mode: string;
  out: string;
}

const DEFAULTS: Options = { runs: 3, rows: ['a', 'b'], mode: 'all', out: 'x.md' };
const FLAGS = {
  '--runs': whole<Options>(1, 9, (o, n) => (o.runs = n)),
  '--rows': picks<Options>(['a', 'b', 'c'], (o, rows) => (o.rows = rows)),
  '--mode': oneOf<Options>(['push', 'pull', 'all'], (o, mode) => (o.mode = mode)),
  '--out': text<Options>((o, file) => (o.out = file)),
};
const parse = (argv: string[]) => parseSuiteFlags(argv, DEFAULTS, FLAGS, 'Use --runs N.');

describe('parseSuiteFlags', () => {
  it('reads every kind of flag, inline or not, over a copy of the defaults', () => {
    expect(parse([])).toEqual(DEFAULTS);
    expect(parse(['--runs=2', '--rows', 'c,a,c', '--mode', 'pull', '--out=y=z.md'])).toEqual({ runs: 2, rows: ['c', 'a'], mode: 'pull', out: 'y=z.md' });
    expect(DEFAULTS).toEqual({ runs: 3, rows: ['a', 'b'], mode: 'all', out: 'x.md' });
  });

  it('refuses unknown flags (inherited names too) before asking for their value, and says what to use', () => {
    expect(() => parse(['--fast'])).toThrow('Unknown option --fast. Use --runs N.');
    expect(() => parse(['constructor', '1'])).toThrow('Unknown option constructor.');
    expect(() => parse([`--${'x'.repeat(100)}`])).toThrow(`Unknown option --${'x'.repeat(38)}. Use`);
    expect(() => parse(['--runs'])).toThrow('--runs needs a value. Use --runs N.');
  });

  it('refuses numbers out of range, unknown picks and choices, quoting at most 20 characters', () => {
    expect(() => parse(['--runs', '10'])).toThrow('--runs must be a whole number from 1 to 9, not "10".');
    expect(() => parse(['--runs', '1e3'])).toThrow('not "1e3"');
    expect(() => parse(['--rows', 'a,'])).toThrow('--rows takes a, b, c (comma-separated), not "".');
    expect(() => parse(['--mode', 'y'.repeat(30)])).toThrow(`--mode must be push, pull or all, not "${'y'.repeat(20)}".`);
  });
});
