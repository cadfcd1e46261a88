import { describe, expect, it } from 'vitest';
import type { LocalEntry } from '../model';
import type { Draft } from './draft-store';
import { describeDraft } from './describe-draft';

const entry = (id: string, name: string, more: Partial<LocalEntry> = {}): LocalEntry => ({ id, name, path: `/x/${name}`, type: 'file', size: 10, fileCount: 1, mtimeMs: 0, mediaType: 'application/vnd.oci.image.layer.v1.tar', ...more });
const draftOf = (entries: LocalEntry[], kind: Draft['detected']['kind']): Draft => ({
  id: 'd1',
  entries,
  detected: { kind, reason: 'test' },
  workDir: '/tmp/none',
  packed: new Map(),
  subjects: new Map(),
  lastUsed: 0,
  inFlight: 0,
  retryable: false,
  discarded: false,
});

describe('describeDraft', () => {
  it('shows no paths; ORAS kinds show ORAS\'s default type even for recognised content, other kinds the owning tool\'s', () => {
    const spdx = entry('e0', 'sbom.json', { sniffed: 'spdx', mediaType: 'application/spdx+json' });
    const files = describeDraft(draftOf([spdx, entry('e1', 'b.txt')], 'files'));
    expect(files.entries).toEqual([
      { id: 'e0', name: 'sbom.json', type: 'file', size: 10, fileCount: 1, mediaType: 'application/vnd.oci.image.layer.v1.tar', sniffed: 'spdx' },
      { id: 'e1', name: 'b.txt', type: 'file', size: 10, fileCount: 1, mediaType: 'application/vnd.oci.image.layer.v1.tar' },
    ]);
    expect(JSON.stringify(files)).not.toContain('/x/');
    expect(describeDraft(draftOf([spdx], 'sbom')).entries[0]!.mediaType).toBe('application/spdx+json');
  });

  it('counts, suggestions (a chart\'s name and version tag, else a repository from the name) and warnings (links, empty files, a lone .prov)', () => {
    const folder = entry('e0', 'My Site', { type: 'directory', fileCount: 3, size: 30, nodes: [{ rel: 'l', type: 'symlink', size: 0, mtimeMs: 0 }] });
    const d = describeDraft(draftOf([folder], 'folder'));
    expect(d).toMatchObject({ entryCount: 1, fileCount: 3, totalBytes: 30, suggestion: { repository: 'my-site', tags: [], annotations: {} } });
    expect(d.warnings).toEqual(['1 symbolic link is stored as a link, not followed: the file it points to is not included.']);
    const chart = describeDraft(draftOf([entry('e0', 'demo-1.0.0.tgz', { sniffed: 'helm-chart' })], 'helm'), { name: 'demo', version: '1.0.0+b' });
    expect(chart.suggestion).toEqual({ repository: 'demo', tags: ['1.0.0_b'], annotations: {} });
    const lone = describeDraft(draftOf([entry('e0', 'x.prov', { sniffed: 'chart-provenance' }), entry('e1', 'empty', { size: 0 })], 'files'));
    expect(lone.warnings).toEqual(['empty is empty.', 'A chart provenance file (.prov) was dropped without its chart.']);
  });

  it('warns about links that point outside the dropped folder', () => {
    const folder = entry('e0', 'site', { type: 'directory', nodes: [{ rel: 'sub/l', type: 'symlink', size: 0, mtimeMs: 0, target: '../../etc' }] });
    expect(describeDraft(draftOf([folder], 'folder')).warnings[1]).toBe('site/sub/l points outside the folder (../../etc): oras pull refuses to write such links when the artifact is downloaded.');
  });
});
