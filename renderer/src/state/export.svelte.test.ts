import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportTargetCheck } from '../../../shared/contract';

// The bridge is the one thing that cannot run here: these tests stand in for it (mock bridge).
const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
let check: (input: Record<string, unknown>) => ExportTargetCheck = (input) => ({ path: String(input.path), format: input.format as 'archive', action: 'create' });
vi.mock('../lib/api', () => ({
  call: vi.fn((name: string, input: Record<string, unknown>) => {
    calls.push({ name, input });
    if (name === 'exports.suggest') return Promise.resolve({ path: input.format === 'archive' ? '/home/me/Downloads/app.tar' : '/home/me/Downloads/app' });
    if (name === 'exports.check') return Promise.resolve(check(input));
    return Promise.resolve({ transferId: 't1' });
  }),
  messageOf: (error: unknown) => (error instanceof Error ? error.message : 'failed'),
}));

const { ExportDialogState, actionText, pathForFormat } = await import('./export.svelte');
const { exportNotice } = await import('./export-notice');

describe('export dialog state (mock bridge)', () => {
  beforeEach(() => {
    calls.length = 0;
    check = (input) => ({ path: String(input.path), format: input.format as 'archive', action: 'create' });
  });

  it('suggests an archive path, checks it, and switching to a folder suggests again; a typed path only swaps its extension', async () => {
    const state = new ExportDialogState();
    await state.openFor({ registryId: 'r', repository: 'team/app' }, 'owner');
    expect(state.path).toBe('/home/me/Downloads/app.tar');
    expect(state.check?.action).toBe('create');
    expect(state.canStart).toBe(true);
    state.setFormat('folder');
    await vi.waitFor(() => expect(state.path).toBe('/home/me/Downloads/app'));
    state.pathTyped('/data/out/mine');
    state.setFormat('archive');
    expect(state.path).toBe('/data/out/mine.tar');
    expect(pathForFormat('/x/a.tar', 'folder')).toBe('/x/a');
  });

  it('an existing archive needs the replace box ticked; the start sends the checked path and closes', async () => {
    check = (input) => ({ path: String(input.path), format: 'archive', action: 'replace' });
    const state = new ExportDialogState();
    await state.openFor({ registryId: 'r', repository: 'team/app', reference: 'v1' }, 'owner');
    expect(state.canStart).toBe(false);
    state.replace = true;
    expect(state.canStart).toBe(true);
    await state.start();
    expect(calls.at(-1)).toEqual({
      name: 'exports.start',
      input: { source: { registryId: 'r', repository: 'team/app', reference: 'v1' }, target: { format: 'archive', path: '/home/me/Downloads/app.tar', replace: true }, referrers: true },
    });
    expect(state.source).toBeNull();
    expect(state.startedId).toBe('t1');
  });

  it('a path the check refuses cannot start, and the dialog says what the export will do otherwise', async () => {
    check = (input) => ({ path: String(input.path), format: 'folder', problem: 'not a layout' });
    const state = new ExportDialogState();
    await state.openFor({ registryId: 'r', repository: 'team/app' }, 'owner');
    expect(state.canStart).toBe(false);
    expect(actionText({ path: '/x', format: 'folder', action: 'add', existingTags: 3 })).toMatch(/3 tag\(s\).*stays/);
    expect(actionText({ path: '/x', format: 'folder', problem: 'no' })).toBeUndefined();
  });
});

describe('export notice', () => {
  it('names what was written when done, and the reason when failed', () => {
    const base = { id: 't', kind: 'export' as const, title: 'Export h/team/app (2 tags) to /o/app.tar', bytes: 0, totalBytes: 0, bytesPerSecond: 0, createdAt: '', itemCount: 0, counts: {}, items: [], canCancel: false, canRetry: false };
    expect(exportNotice({ ...base, state: 'done', result: { summary: ['Exported to the archive /o/app.tar, 2 tag(s).'] } })).toEqual({
      id: 't',
      ok: true,
      title: 'Exported h/team/app (2 tags) to /o/app.tar',
      message: 'Exported to the archive /o/app.tar, 2 tag(s).',
    });
    expect(exportNotice({ ...base, state: 'failed', error: { code: 'network', message: 'gone' } })).toMatchObject({ ok: false, message: 'gone' });
  });
});
