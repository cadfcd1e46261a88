import { describe, expect, it } from 'vitest';
import { artifactName, formatCount, formatDate, plural } from './format';

describe('format', () => {
  it('plural writes one and many with the locale’s digit grouping', () => {
    expect(plural(1, 'tag')).toBe(`${(1).toLocaleString()} tag`);
    expect(plural(100_000, 'repository', 'repositories')).toBe(`${(100_000).toLocaleString()} repositories`);
    expect(formatCount(1234)).toBe((1234).toLocaleString());
  });

  it('formatDate writes a local date and time, and a dash for nothing or a non-date', () => {
    const iso = '2026-01-02T03:04:05Z';
    const options = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
    expect(formatDate(iso)).toBe(new Date(iso).toLocaleString(undefined, options));
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('yesterday')).toBe('—');
  });

  it('names an artifact by tag, or by a shortened digest', () => {
    expect(artifactName('team/app', 'v1.2')).toBe('team/app:v1.2');
    expect(artifactName('team/app', `sha256:${'ab'.repeat(32)}`)).toBe('team/app@sha256:abababababab…');
  });
});
