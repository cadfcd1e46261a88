import { describe, expect, it } from 'vitest';
import { exportName } from './export-folders';

describe('the suggested export name', () => {
  it('is the repository’s last name part (what an opened export is named), with the tag or a short digest for an artifact', () => {
    expect(exportName('team/app', undefined, 'archive')).toBe('app.tar');
    expect(exportName('team/app', undefined, 'folder')).toBe('app');
    expect(exportName('alpine', 'v3.19', 'archive')).toBe('alpine-v3.19.tar');
    expect(exportName('team/app', `sha256:${'ab'.repeat(32)}`, 'folder')).toBe(`app-${'ab'.repeat(6)}`);
  });
});
