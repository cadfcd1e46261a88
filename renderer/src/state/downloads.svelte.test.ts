import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadChoices, TransferView } from '../../../shared/contract';

// The bridge is the one thing that cannot run here: these tests stand in for it (mock bridge).
const calls: Array<{ name: string; input: unknown }> = [];
const answers = new Map<string, (input: unknown) => unknown>();
const listeners = new Map<string, (payload: unknown) => void>();
vi.mock('../lib/api', () => ({
  call: vi.fn((name: string, input: unknown) => {
    calls.push({ name, input });
    const answer = answers.get(name);
    return answer ? Promise.resolve().then(() => answer(input)) : Promise.resolve(null);
  }),
  on: vi.fn((name: string, listener: (payload: unknown) => void) => {
    listeners.set(name, listener);
    return () => listeners.delete(name);
  }),
  messageOf: (error: unknown) => (error instanceof Error ? error.message : 'failed'),
}));

const { DownloadDialogState } = await import('./downloads.svelte');

const choices: DownloadChoices = {
  digest: `sha256:${'a'.repeat(64)}`,
  modes: [{ mode: 'files', label: 'Files', description: 'd' }],
  defaultMode: 'files',
  platforms: [],
  files: [{ name: 'a.txt', size: 1, digest: `sha256:${'b'.repeat(64)}` }],
  suggestedFolder: '/home/u/Downloads',
  suggestions: ['/home/u/Downloads'],
};
const target = { registryId: 'r', repository: 'docs', reference: 'v1' };

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  answers.clear();
  answers.set('downloads.choices', () => choices);
  answers.set('downloads.checkFolder', (input) => ({ path: (input as { path: string }).path, exists: true, writable: true }));
  answers.set('downloads.start', () => ({ transferId: 't1' }));
});
afterEach(() => vi.useRealTimers());

describe('DownloadDialogState (mock bridge)', () => {
  it('loads the choices, suggests the folder and checks it before it can start', async () => {
    const state = new DownloadDialogState();
    await state.openFor(target, 'b1');
    await vi.runAllTimersAsync();
    expect(state.mode).toBe('files');
    expect(state.folder).toBe('/home/u/Downloads');
    expect(state.check).toEqual({ path: '/home/u/Downloads', exists: true, writable: true });
    expect(state.canStart).toBe(true);
  });

  it('checks a typed folder once typing pauses, with the latest text only', async () => {
    const state = new DownloadDialogState();
    await state.openFor(target, 'b1');
    await vi.runAllTimersAsync();
    calls.length = 0;
    state.folderTyped('/tmp/a');
    state.folderTyped('/tmp/ab');
    expect(state.canStart).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c.name === 'downloads.checkFolder').map((c) => c.input)).toEqual([{ path: '/tmp/ab' }]);
  });

  it('starts with the chosen file, takes a question that came before the answer, and answers it', async () => {
    const state = new DownloadDialogState();
    await state.openFor(target, 'b1');
    await vi.runAllTimersAsync();
    state.file = 'a.txt';
    answers.set('downloads.start', () => {
      listeners.get('downloads.question')?.({ transferId: 't1', path: 'a.txt' });
      return { transferId: 't1' };
    });
    await state.start();
    expect(calls.find((c) => c.name === 'downloads.start')?.input).toEqual({ ...target, mode: 'files', folder: '/home/u/Downloads', conflicts: 'ask', file: 'a.txt' });
    expect(state.question).toEqual({ transferId: 't1', path: 'a.txt' });
    await state.answer('keep-both');
    expect(calls.at(-1)).toEqual({ name: 'downloads.answer', input: { transferId: 't1', answer: 'keep-both', remember: true } });
    expect(state.question).toBeNull();
  });

  it('follows its transfer to the summary', async () => {
    const state = new DownloadDialogState();
    await state.openFor(target, 'b1');
    await vi.runAllTimersAsync();
    await state.start();
    const done = { id: 't1', kind: 'download', state: 'done', result: { folder: '/home/u/Downloads', summary: ['1 file written, 1 bytes in all.'] } } as unknown as TransferView;
    listeners.get('transfers.changed')?.([done]);
    expect(state.finished).toBe(true);
    expect(state.transfer?.result?.summary).toEqual(['1 file written, 1 bytes in all.']);
  });

  it('dragOut asks main to start the OS drag in Electron, shows its refusal, and is not offered in web mode', async () => {
    const web = new DownloadDialogState();
    web.transferId = 't1';
    expect(web.canDragOut).toBe(false);
    await web.dragOut();
    expect(calls.filter((c) => c.name === 'downloads.dragOut')).toEqual([]);

    vi.stubGlobal('window', { stevedore: {} });
    try {
      const desktop = new DownloadDialogState();
      desktop.transferId = 't1';
      expect(desktop.canDragOut).toBe(true);
      await desktop.dragOut();
      expect(calls.filter((c) => c.name === 'downloads.dragOut')).toEqual([{ name: 'downloads.dragOut', input: { transferId: 't1' } }]);
      answers.set('downloads.dragOut', () => {
        throw new Error('The downloaded files are no longer in /home/u/Downloads.');
      });
      await desktop.dragOut();
      expect(desktop.openProblem).toBe('The downloaded files are no longer in /home/u/Downloads.');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
