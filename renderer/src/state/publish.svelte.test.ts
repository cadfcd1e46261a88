import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublishDraft, PublishOptions, PublishPreview } from '../../../shared/contract';

// The bridge is the one thing that cannot run here: these tests stand in for it (mock bridge).
const calls: Array<{ name: string; input: unknown }> = [];
const answers = new Map<string, (input: unknown) => unknown>();
vi.mock('../lib/api', () => ({
  call: vi.fn((name: string, input: unknown) => {
    calls.push({ name, input });
    const answer = answers.get(name);
    return answer ? Promise.resolve().then(() => answer(input)) : Promise.resolve(null);
  }),
  on: vi.fn(() => () => undefined),
  onReconnect: vi.fn(() => () => undefined),
  messageOf: (error: unknown) => (error instanceof Error ? error.message : 'failed'),
  pathForFile: (file: File) => paths.get(file.name),
}));

/** Electron's preload answers a dropped file's OS path; web mode has none. */
const paths = new Map<string, string>();
const { PublishSession, publish } = await import('./publish.svelte');
const { transfers } = await import('./transfers.svelte');

const draft: PublishDraft = {
  draftId: 'd1',
  entries: [{ id: 'e1', name: 'a.txt', type: 'file', size: 1, fileCount: 1, mediaType: 'application/vnd.oci.image.layer.v1.tar' }],
  entryCount: 1,
  fileCount: 1,
  totalBytes: 1,
  detected: { kind: 'files', reason: 'one file' },
  suggestion: { tags: [], annotations: {} },
  warnings: [],
};

function previewFor(input: unknown): PublishPreview {
  const options = input as PublishOptions;
  return { repository: options.repository, tags: options.tags, manifest: '{}', digest: `sha256:${options.repository.padEnd(64, '0').slice(0, 64)}`, size: 2, mediaType: 'm', config: { name: 'config', mediaType: 'c', digest: 'd', size: 2 }, layers: [], problems: [] };
}

beforeEach(() => {
  vi.useFakeTimers();
  paths.clear();
  calls.length = 0;
  answers.clear();
  answers.set('publish.preview', previewFor);
});
afterEach(() => vi.useRealTimers());

describe('PublishSession (mock bridge)', () => {
  it('asks for one preview after typing pauses, with the latest options only', async () => {
    const session = new PublishSession(draft, { registryId: 'r1', repository: 'docs' }, 'r1');
    session.schedulePreview();
    session.form.repository = 'docs2';
    flushSync();
    session.schedulePreview();
    await vi.advanceTimersByTimeAsync(500);
    const previews = calls.filter((c) => c.name === 'publish.preview');
    expect(previews).toHaveLength(1);
    expect(previews[0]?.input).toMatchObject({ repository: 'docs2', tags: ['latest'] });
    expect(session.preview?.repository).toBe('docs2');
    expect(session.canPublish).toBe(true);
  });

  it('asks nothing while a field is invalid, and cannot publish', async () => {
    const session = new PublishSession(draft, { registryId: 'r1', repository: 'docs' }, 'r1');
    session.form.repository = 'Not Valid';
    flushSync();
    session.schedulePreview();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls.filter((c) => c.name === 'publish.preview')).toHaveLength(0);
    expect(session.canPublish).toBe(false);
    expect(await session.publish()).toBeNull();
  });

  it('discards the draft when closed unpublished, and keeps it once the transfer has it', async () => {
    answers.set('publish.start', () => ({ transferId: 't1' }));
    const kept = new PublishSession(draft, { registryId: 'r1', repository: 'docs' }, 'r1');
    kept.schedulePreview();
    await vi.advanceTimersByTimeAsync(500);
    expect(await kept.publish()).toBe('t1');
    kept.dispose();
    const dropped = new PublishSession({ ...draft, draftId: 'd2' }, undefined, 'r1');
    dropped.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.filter((c) => c.name === 'publish.discard').map((c) => c.input)).toEqual([{ draftId: 'd2' }]);
  });
});

describe('PublishState drops (mock bridge)', () => {
  const dropOf = (files: File[]) => ({ files, items: files.map(() => ({ kind: 'file', webkitGetAsEntry: () => null })) }) as unknown as DataTransfer;

  it('Electron: a drop opens a draft from the OS paths the preload reports, with the target where it landed', async () => {
    paths.set('chart.tgz', '/home/me/chart.tgz');
    paths.set('docs', '/home/me/docs');
    answers.set('publish.open', () => draft);
    await publish.fromDrop(dropOf([new File(['x'], 'chart.tgz'), new File([], 'docs')]), { registryId: 'r1', repository: 'charts' });
    expect(calls.find((c) => c.name === 'publish.open')?.input).toEqual({
      sources: [
        { type: 'path', path: '/home/me/chart.tgz' },
        { type: 'path', path: '/home/me/docs' },
      ],
      target: { registryId: 'r1', repository: 'charts' },
    });
    expect(publish.session?.form.repository).toBe('charts');
    publish.close();
  });

  it('an empty drop opens nothing and says why', async () => {
    await publish.fromDrop(dropOf([]), { registryId: 'r1' });
    expect(calls.some((c) => c.name === 'publish.open')).toBe(false);
    expect(transfers.notices[0]).toMatchObject({ ok: false, message: 'Nothing to publish: drop files or folders.' });
  });
});
