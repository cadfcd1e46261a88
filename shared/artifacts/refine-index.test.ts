import { describe, expect, it } from 'vitest';
import { classifyManifest } from './classify';
import * as f from './fixtures';
import { refineIndexByChild } from './refine-index';

describe('refineIndexByChild', () => {
  it('turns a falcoctl per-platform plugin index into a Falco plugin once a child is read', () => {
    const index = classifyManifest(f.falcoPluginIndex);
    expect(index.kind).toBe('image-index');
    const refined = refineIndexByChild(index, classifyManifest(f.falcoPlugin));
    expect(refined).toMatchObject({ kind: 'falco', subKind: 'falco-plugin', mediaType: 'application/vnd.cncf.falco.plugin.config.v1+json' });
    expect(refined.platforms).toEqual(index.platforms);
  });

  it('keeps a multi-platform image as it is when its child is an image', () => {
    const index = classifyManifest(f.buildxIndex);
    expect(refineIndexByChild(index, classifyManifest(f.ociImage))).toBe(index);
  });

  it('does not let an unreadable child change the index', () => {
    const index = classifyManifest(f.buildxIndex);
    expect(refineIndexByChild(index, classifyManifest(f.malformedManifest)).kind).toBe('image-index');
  });
});
