import { describe, expect, it } from 'vitest';
import { isRfc3339, newer } from './rfc3339';

describe('isRfc3339', () => {
  it('accepts the timestamps image tools write', () => {
    for (const value of [
      '2024-05-01T12:00:00Z',
      '2024-05-01T12:00:00.123456789Z',
      '2023-11-07T09:41:03.5+02:00',
      '1970-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '2024-02-29t23:59:59z',
      '2024-05-01T12:00:00-11:30',
    ]) {
      expect(isRfc3339(value), value).toBe(true);
    }
  });

  it('refuses what a lenient parser would still read as some date', () => {
    for (const value of [
      '5',
      'May 1, 2024',
      '2024-05-01',
      '2024-05-01 12:00:00Z',
      '2024-05-01T12:00Z',
      '2024-05-01T12:00:00',
      '2024-13-01T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2024-04-31T12:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T12:60:00Z',
      '2016-12-31T23:59:60Z',
      '2024-05-01T12:00:00.1234567890Z',
      '2024-05-01T12:00:00+2:00',
      '2024-05-01T12:00:00+02:60',
      ' 2024-05-01T12:00:00Z',
      '2024-05-01T12:00:00Z<script>',
      `2024-05-01T12:00:00.${'1'.repeat(40)}Z`,
      '',
      42,
      null,
    ]) {
      expect(isRfc3339(value), String(value)).toBe(false);
    }
  });
});

describe('newer', () => {
  it('compares the instants, not the text', () => {
    expect(newer('2024-05-01T12:00:00+02:00', '2024-05-01T11:00:00Z')).toBe('2024-05-01T11:00:00Z');
    expect(newer('2024-05-01T12:00:00Z', '2024-05-01T11:59:59Z')).toBe('2024-05-01T12:00:00Z');
  });
});
