import { describe, expect, it } from 'vitest';
import { PublishOptionsSchema, type PublishDraft } from '../../../shared/contract';
import { buildOptions, initialForm } from './publish-options';

const SUBJECT = `sha256:${'b'.repeat(64)}`;

function draft(extra: Partial<PublishDraft> = {}): PublishDraft {
  return {
    draftId: 'd1',
    entries: [
      { id: 'e1', name: 'readme.md', type: 'file', size: 5, fileCount: 1, mediaType: 'application/vnd.oci.image.layer.v1.tar' },
      { id: 'e2', name: 'config.json', type: 'file', size: 2, fileCount: 1, mediaType: 'application/vnd.oci.image.layer.v1.tar', sniffed: 'json' },
    ],
    entryCount: 2,
    fileCount: 2,
    totalBytes: 7,
    detected: { kind: 'files', reason: 'plain files' },
    suggestion: { tags: [], annotations: {} },
    warnings: [],
    ...extra,
  };
}

describe('initialForm', () => {
  it('fills the target where the drop landed and tags "latest"', () => {
    const form = initialForm(draft(), { registryId: 'r1', repository: 'docs' }, 'r0');
    expect(form).toMatchObject({ registryId: 'r1', repository: 'docs', tagsText: 'latest', kind: 'files', created: 'now', attach: false });
  });

  it('takes the content suggestions: Helm version tag, annotations as presets and extras, no repository guess for a chart', () => {
    const helm = draft({
      detected: { kind: 'helm', reason: 'Chart.yaml inside' },
      suggestion: { repository: 'mychart', tags: ['1.2.3_build'], annotations: { 'org.opencontainers.image.title': 'mychart', 'org.opencontainers.image.version': '1.2.3+build', 'com.example/x': 'y' } },
    });
    const form = initialForm(helm, undefined, 'r0');
    expect(form).toMatchObject({ registryId: 'r0', repository: '', tagsText: '1.2.3_build', kind: 'helm' });
    expect(form.presets).toMatchObject({ title: 'mychart', version: '1.2.3+build', description: '' });
    expect(form.extra).toEqual([{ key: 'com.example/x', value: 'y' }]);
  });

  it('attaches by default when dropped on an artifact, with no tag', () => {
    expect(initialForm(draft(), { registryId: 'r1', repository: 'app', subject: SUBJECT }, 'r0')).toMatchObject({ attach: true, tagsText: '' });
  });
});

describe('buildOptions', () => {
  it('builds options the contract accepts, with only typed media types and filled annotations', () => {
    const d = draft();
    const form = initialForm(d, { registryId: 'r1', repository: 'docs' }, 'r0');
    form.tagsText = 'v1, latest';
    form.mediaTypes.e2 = 'application/json';
    form.presets.description = ' Docs ';
    form.extra = [{ key: 'com.example.team', value: 'ui' }, { key: '', value: '' }];
    form.created = 'off';
    const { options, problems } = buildOptions(d, form, undefined);
    expect(problems).toEqual({});
    expect(options).toEqual({
      draftId: 'd1',
      registryId: 'r1',
      repository: 'docs',
      tags: ['v1', 'latest'],
      kind: 'files',
      created: { mode: 'off' },
      mediaTypes: { e2: 'application/json' },
      annotations: { 'org.opencontainers.image.description': 'Docs', 'com.example.team': 'ui' },
    });
    expect(PublishOptionsSchema.safeParse(options).success).toBe(true);
  });

  it('names every field that is wrong, with the grammar reason, and builds nothing', () => {
    const d = draft();
    const form = initialForm(d, { registryId: 'r1', repository: 'Docs' }, 'r0');
    form.tagsText = 'ok, 1.0+x';
    form.mediaTypes.e1 = 'not a type';
    form.extra = [{ key: 'org.opencontainers.image.created', value: 'x' }, { key: '', value: 'orphan' }];
    form.created = 'pinned';
    form.pinned = 'yesterday';
    const { options, problems } = buildOptions(d, form, undefined);
    expect(options).toBeUndefined();
    expect(problems).toEqual({
      repository: expect.stringMatching(/lower case/),
      tags: expect.stringMatching(/"\+" is not allowed/),
      'mediaType:e1': expect.stringMatching(/type\/subtype|not a media type/),
      'annotation:0': expect.stringMatching(/Created option/),
      'annotation:1': expect.stringMatching(/needs a key/),
      created: expect.stringMatching(/RFC 3339/),
    });
  });

  it('a custom kind needs a type; the config entry and the subject go through; a pinned time is kept', () => {
    const d = draft();
    const form = initialForm(d, { registryId: 'r1', repository: 'app', subject: SUBJECT }, 'r0');
    form.kind = 'custom';
    expect(buildOptions(d, form, SUBJECT).problems.artifactType).toMatch(/needs an artifact type/);
    form.configMediaType = 'application/vnd.example.config.v1+json';
    form.configEntryId = 'e2';
    form.created = 'pinned';
    form.pinned = '2024-01-02T03:04:05Z';
    const { options } = buildOptions(d, form, SUBJECT);
    expect(options).toMatchObject({ kind: 'custom', configMediaType: 'application/vnd.example.config.v1+json', configEntryId: 'e2', subject: SUBJECT, created: { mode: 'pinned', value: '2024-01-02T03:04:05Z' }, tags: [] });
    expect(PublishOptionsSchema.safeParse(options).success).toBe(true);
    form.attach = false;
    expect(buildOptions(d, form, SUBJECT).options?.subject).toBeUndefined();
  });

  it('a volume carries its form; the config form takes the chosen config file', () => {
    const d = draft({ detected: { kind: 'files', reason: '' } });
    const form = initialForm(d, { registryId: 'r1', repository: 'vol' }, 'r0');
    form.kind = 'volume';
    expect(buildOptions(d, form, undefined).options).toMatchObject({ kind: 'volume', volumeForm: 'artifact-type' });
    expect(buildOptions(d, form, undefined).options?.configEntryId).toBeUndefined();
    form.volumeForm = 'config';
    form.configEntryId = 'e2';
    expect(buildOptions(d, form, undefined).options).toMatchObject({ kind: 'volume', volumeForm: 'config', configEntryId: 'e2' });
  });
});
