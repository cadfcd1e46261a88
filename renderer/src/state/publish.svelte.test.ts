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
  pathForFile: () => undefined,
}));

const { PublishSession } = await import('./publish.svelte');

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
