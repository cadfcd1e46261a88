import { beforeEach, describe, expect, it, vi } from 'vitest';

// The bridge is the one thing that cannot run here: these tests stand in for it (mock bridge).
const calls: Array<{ name: string; input: unknown }> = [];
let answer: (input: unknown) => unknown = () => ({ transferId: 't1' });
vi.mock('../lib/api', () => ({
  call: vi.fn((name: string, input: unknown) => {
    calls.push({ name, input });
    return Promise.resolve().then(() => answer(input));
  }),
  messageOf: (error: unknown) => (error instanceof Error ? error.message : 'failed'),
}));

const { CopyDialogState, destinationProblem, parseTags } = await import('./copy.svelte');

describe('copy dialog state (mock bridge)', () => {
  beforeEach(() => {
    calls.length = 0;
    answer = () => ({ transferId: 't1' });
  });

  it('tags are split on spaces and commas, duplicates dropped; bad names and repositories say why', () => {
    expect(parseTags(' v1, stable  v1,,latest ')).toEqual(['v1', 'stable', 'latest']);
    expect(destinationProblem('', [])).toMatch(/Name the repository/);
    expect(destinationProblem('Team/App', [])).toMatch(/lower case/);
    expect(destinationProblem('team/app', ['-bad'])).toMatch(/“-bad” is not a valid tag/);
    expect(destinationProblem('team/app', ['v1'])).toBeUndefined();
  });

  it('a drop on a registry fills it in and keeps the source repository and tag; copying there sends copy.start and closes', async () => {
    const state = new CopyDialogState();
    state.openFor({ registryId: 'local', repository: 'team/app', reference: 'v1' }, { registryId: 'remote' });
    expect([state.registryId, state.repository, state.tags, state.referrers]).toEqual(['remote', 'team/app', 'v1', true]);
    expect(state.canStart).toBe(true);
    await state.start();
    expect(calls).toEqual([{ name: 'copy.start', input: { from: { registryId: 'local', repository: 'team/app', reference: 'v1' }, to: { registryId: 'remote', repository: 'team/app', tags: ['v1'] }, referrers: true } }]);
    expect(state.source).toBeNull();
    expect(state.startedId).toBe('t1');
  });

  it('the same place as the source cannot start; a digest source starts with no tags; a refusal stays in the dialog', async () => {
    const state = new CopyDialogState();
    state.openFor({ registryId: 'local', repository: 'team/app', reference: 'v1' });
    expect(state.sameAsSource).toBe(true);
    expect(state.canStart).toBe(false);
    const digest = `sha256:${'a'.repeat(64)}`;
    state.openFor({ registryId: 'local', repository: 'team/app', reference: digest }, { registryId: 'local', repository: 'prod/app' });
    expect(state.tags).toBe('');
    answer = () => {
      throw new Error('The destination registry is no longer saved; choose another.');
    };
    await state.start();
    expect(state.error).toBe('The destination registry is no longer saved; choose another.');
    expect(state.source).not.toBeNull();
  });
});
