import type { PublishDraft, PublishKind, PublishOptions, PublishTarget } from '../../../shared/contract';
import { mediaTypeProblem, repositoryProblem, splitTags, tagProblem, timestampProblem } from './publish-validation';

/** The annotation presets the panel offers, by their OCI keys. */
export const PRESETS = [
  { name: 'title', key: 'org.opencontainers.image.title', label: 'Title' },
  { name: 'version', key: 'org.opencontainers.image.version', label: 'Version' },
  { name: 'description', key: 'org.opencontainers.image.description', label: 'Description' },
  { name: 'source', key: 'org.opencontainers.image.source', label: 'Source URL' },
  { name: 'authors', key: 'org.opencontainers.image.authors', label: 'Authors' },
  { name: 'licenses', key: 'org.opencontainers.image.licenses', label: 'Licenses (SPDX)' },
] as const;
export type PresetName = (typeof PRESETS)[number]['name'];

const CREATED_KEY = 'org.opencontainers.image.created';

/** What the panel's fields hold, as typed. */
export interface PublishForm {
  registryId: string;
  repository: string;
  tagsText: string;
  kind: PublishKind;
  artifactType: string;
  configMediaType: string;
  configEntryId: string;
  /** Per entry id, as typed; empty or missing: the kind's own type (the preview shows which). */
  mediaTypes: Record<string, string>;
  presets: Record<PresetName, string>;
  extra: Array<{ key: string; value: string }>;
  created: 'now' | 'off' | 'pinned';
  pinned: string;
  attach: boolean;
  volumeForm: 'artifact-type' | 'config';
}

/** The form a fresh draft opens with: the target where it was dropped, the content's suggestions. */
export function initialForm(draft: PublishDraft, target: PublishTarget | undefined, fallbackRegistryId: string): PublishForm {
  const suggested = draft.suggestion.annotations;
  const presets = Object.fromEntries(PRESETS.map((p) => [p.name, suggested[p.key] ?? ''])) as Record<PresetName, string>;
  const presetKeys = new Set<string>(PRESETS.map((p) => p.key));
  const attach = target?.subject !== undefined;
  const tags = draft.suggestion.tags.length > 0 ? draft.suggestion.tags : attach ? [] : ['latest'];
  return {
    registryId: target?.registryId ?? fallbackRegistryId,
    repository: target?.repository ?? (draft.detected.kind === 'helm' ? '' : (draft.suggestion.repository ?? '')),
    tagsText: tags.join(', '),
    kind: draft.detected.kind,
    artifactType: '',
    configMediaType: '',
    configEntryId: '',
    mediaTypes: {},
    presets,
    extra: Object.entries(suggested)
      .filter(([key]) => !presetKeys.has(key) && key !== CREATED_KEY)
      .map(([key, value]) => ({ key, value })),
    created: 'now',
    pinned: '',
    attach,
    volumeForm: 'artifact-type',
  };
}

export interface BuiltOptions {
  /** Present when every field is valid. */
  options?: PublishOptions;
  /** Why a field is not valid, by field: `repository`, `tags`, `artifactType`, `configMediaType`, `created`, `mediaType:<entry id>`, `annotation:<index>`. */
  problems: Record<string, string>;
}

/** The form as `publish.preview`/`publish.start` take it, or the reasons it cannot be yet. */
export function buildOptions(draft: PublishDraft, form: PublishForm, subject: string | undefined): BuiltOptions {
  const problems: Record<string, string> = {};
  const note = (field: string, problem: string | null) => {
    if (problem) problems[field] = problem;
  };
  note('repository', repositoryProblem(form.repository));
  const tags = splitTags(form.tagsText);
  note('tags', tags.map(tagProblem).find((p) => p !== null) ?? (tags.length > 20 ? 'At most 20 tags at once.' : null));
  const custom = form.kind === 'custom';
  const artifactType = (form.kind === 'files' || custom) && form.artifactType.trim() !== '' ? form.artifactType.trim() : undefined;
  if (artifactType) note('artifactType', mediaTypeProblem(artifactType));
  const configMediaType = custom && form.configMediaType.trim() !== '' ? form.configMediaType.trim() : undefined;
  if (configMediaType) note('configMediaType', mediaTypeProblem(configMediaType));
  if (custom && !artifactType && !configMediaType) problems.artifactType = 'A custom kind needs an artifact type, a config media type, or both.';

  const mediaTypes: Record<string, string> = {};
  for (const entry of draft.entries) {
    const typed = (form.mediaTypes[entry.id] ?? '').trim();
    if (typed === '') continue;
    note(`mediaType:${entry.id}`, mediaTypeProblem(typed));
    mediaTypes[entry.id] = typed;
  }

  const annotations: Record<string, string> = {};
  for (const preset of PRESETS) if (form.presets[preset.name].trim() !== '') annotations[preset.key] = form.presets[preset.name].trim();
  form.extra.forEach(({ key, value }, i) => {
    const k = key.trim();
    if (k === '' && value === '') return;
    if (k === '') note(`annotation:${i}`, 'An annotation needs a key.');
    else if (k.length > 256) note(`annotation:${i}`, 'A key has at most 256 characters.');
    else if (k === CREATED_KEY) note(`annotation:${i}`, 'Set the created time with the Created option.');
    else if (k in annotations) note(`annotation:${i}`, `"${k}" is set twice.`);
    else if (value.length > 4096) note(`annotation:${i}`, 'A value has at most 4096 characters.');
    else annotations[k] = value;
  });

  if (form.created === 'pinned') note('created', timestampProblem(form.pinned.trim()));
  if (Object.keys(problems).length > 0) return { problems };

  const configEntryId = (custom || (form.kind === 'volume' && form.volumeForm === 'config')) && form.configEntryId ? form.configEntryId : undefined;
  const options: PublishOptions = {
    draftId: draft.draftId,
    registryId: form.registryId,
    repository: form.repository,
    tags,
    kind: form.kind,
    created: form.created === 'pinned' ? { mode: 'pinned', value: form.pinned.trim() } : { mode: form.created },
    ...(artifactType ? { artifactType } : {}),
    ...(configMediaType ? { configMediaType } : {}),
    ...(configEntryId ? { configEntryId } : {}),
    ...(Object.keys(mediaTypes).length > 0 ? { mediaTypes } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(form.attach && subject ? { subject } : {}),
    ...(form.kind === 'volume' ? { volumeForm: form.volumeForm } : {}),
  };
  return { options, problems };
}
