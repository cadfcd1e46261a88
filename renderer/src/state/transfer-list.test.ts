import { describe, expect, it } from 'vitest';
import type { TransferView } from '../../../shared/contract';
import { mergeTransfers, noticesFor } from './transfer-list';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function transfer(id: string, state: TransferView['state'], extra: Partial<TransferView> = {}): TransferView {
  return {
    id,
    kind: 'publish',
    title: `Publish ${id}`,
    registryId: 'r1',
    repository: 'docs',
    state,
    bytes: 0,
    totalBytes: 10,
    bytesPerSecond: 0,
    createdAt: `2026-01-01T00:00:0${id.length}Z`,
    itemCount: 1,
    counts: {},
    items: [],
    canCancel: state === 'running',
    canRetry: state === 'failed',
    ...extra,
  };
}

describe('mergeTransfers', () => {
  it('replaces changed transfers in place and puts new ones on top, newest first', () => {
    const list = [transfer('b', 'running'), transfer('a', 'done')];
    const merged = mergeTransfers(list, [transfer('b', 'done'), transfer('ccc', 'queued'), transfer('dd', 'queued')]);
    expect(merged.map((t) => `${t.id}:${t.state}`)).toEqual(['ccc:queued', 'dd:queued', 'b:done', 'a:done']);
  });
});

describe('noticesFor', () => {
  it('gives a notice with the digest, reference and the artifact to open when a publish finishes', () => {
    const done = transfer('b', 'done', { result: { registryId: 'r1', repository: 'docs', digest: DIGEST, reference: `127.0.0.1:5000/docs@${DIGEST}`, tags: ['v1', 'latest'] } });
    expect(noticesFor([transfer('b', 'running')], [done])).toEqual([
      { id: 'b', ok: true, title: 'Published docs:v1', reference: `127.0.0.1:5000/docs@${DIGEST}`, digest: DIGEST, open: { registryId: 'r1', repository: 'docs', reference: 'v1' } },
    ]);
  });

  it('opens an untagged publish (an attached SBOM) by its digest', () => {
    const done = transfer('s', 'done', { result: { registryId: 'r1', repository: 'app', digest: DIGEST } });
    expect(noticesFor([], [done])[0]?.open).toEqual({ registryId: 'r1', repository: 'app', reference: DIGEST });
  });

  it('says why a publish failed', () => {
    const failed = transfer('f', 'failed', { error: { code: 'denied', message: 'The registry refused the push.' } });
    expect(noticesFor([transfer('f', 'running')], [failed])).toEqual([{ id: 'f', ok: false, title: 'Publish f', message: 'The registry refused the push.' }]);
  });

  it('gives none for a transfer already finished, one still running, or a download', () => {
    expect(noticesFor([transfer('a', 'done')], [transfer('a', 'done')])).toEqual([]);
    expect(noticesFor([], [transfer('r', 'running')])).toEqual([]);
    expect(noticesFor([], [transfer('d', 'done', { kind: 'download' })])).toEqual([]);
  });
});
