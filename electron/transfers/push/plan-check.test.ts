import { describe, expect, it } from 'vitest';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../oci/manifests/media-types';
import type { PushPlan } from '../push-plan';
import { checkPlan } from './plan-check';

const layer = { mediaType: 'text/plain', digest: `sha256:${'a'.repeat(64)}`, size: 5 };
const config = { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 };

function plan(overrides: Partial<PushPlan> = {}): PushPlan {
  return {
    registryId: 'r',
    repository: 'team/docs',
    tags: ['v1', 'latest', 'v1'],
    blobs: [
      { name: 'config', source: { data: Buffer.from('{}') }, descriptor: config },
      { name: 'a.txt', source: { path: '/tmp/a.txt' }, descriptor: layer },
    ],
    manifest: { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] },
    title: 'Publish a.txt',
    ...overrides,
  };
}

describe('checkPlan', () => {
  it('accepts a consistent plan and drops repeated tags', () => {
    expect(checkPlan(plan())).toEqual({ tags: ['v1', 'latest'] });
  });

  it('refuses a tag or repository the grammar forbids, before anything is sent', () => {
    expect(() => checkPlan(plan({ tags: ['-bad'] }))).toThrow(expect.objectContaining({ code: 'invalid-input' }) as Error);
    expect(() => checkPlan(plan({ repository: 'Team/Docs' }))).toThrow(expect.objectContaining({ code: 'invalid-input' }) as Error);
  });

  it('refuses a manifest that names a blob the plan does not send, or a planned blob it does not name', () => {
    const other = { ...layer, digest: `sha256:${'b'.repeat(64)}` };
    expect(() => checkPlan(plan({ manifest: { schemaVersion: 2, config, layers: [other] } }))).toThrow(/names a blob/);
    expect(() => checkPlan(plan({ manifest: { schemaVersion: 2, config, layers: [{ ...layer, size: 6 }] } }))).toThrow(/names a blob/);
    expect(() => checkPlan(plan({ manifest: { schemaVersion: 2, config, layers: [] } }))).toThrow(/a\.txt is in the plan but not in the manifest/);
  });

  it('refuses a blob without a valid size or digest', () => {
    const bad = plan();
    bad.blobs[1] = { ...bad.blobs[1]!, descriptor: { ...layer, size: -1 } };
    expect(() => checkPlan(bad)).toThrow(/a\.txt has no valid size/);
    const noDigest = plan();
    noDigest.blobs[1] = { ...noDigest.blobs[1]!, descriptor: { ...layer, digest: 'sha256:xyz' } };
    expect(() => checkPlan(noDigest)).toThrow();
  });
});
