import type { DraftEntry, PublishDraft } from '../../../shared/contract';
import type { Draft } from './draft-store';
import { chartTag } from '../helm/semver';
import { ORAS_KINDS, orasDefaultType } from '../detect/detect-kind';
import { escapesFolder } from '../sources/walk-folder';

const SHOWN_ENTRIES = 1000;

function suggestedRepository(name: string): string | undefined {
  const base = name
    .replace(/\.(tar\.gz|tgz|wasm|json|rego|tar|zip)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(base) ? base : undefined;
}

/** The draft as the panel sees it (no paths): entries, counts, the kind and why, suggestions, warnings. */
export function describeDraft(draft: Draft, chart?: { name: string; version: string }): PublishDraft {
  const entries: DraftEntry[] = draft.entries.slice(0, SHOWN_ENTRIES).map((e) => ({
    id: e.id,
    name: e.name,
    type: e.type,
    size: e.size,
    fileCount: e.fileCount,
    mediaType: ORAS_KINDS.includes(draft.detected.kind) ? orasDefaultType(e) : e.mediaType,
    ...(e.sniffed ? { sniffed: e.sniffed } : {}),
  }));
  const warnings: string[] = [];
  const links = draft.entries.reduce((n, e) => n + (e.nodes ?? []).filter((x) => x.type === 'symlink').length, 0);
  if (links > 0) warnings.push(
      links === 1
        ? '1 symbolic link is stored as a link, not followed: the file it points to is not included.'
        : `${links} symbolic links are stored as links, not followed: the files they point to are not included.`,
    );
  for (const entry of draft.entries) {
    const escaping = (entry.nodes ?? []).filter(escapesFolder);
    if (escaping.length > 0) {
      const first = escaping[0]!;
      warnings.push(`${entry.name}/${first.rel} points outside the folder (${first.target})${escaping.length > 1 ? ` and ${escaping.length - 1} more link${escaping.length > 2 ? 's' : ''} do` : ''}: oras pull refuses to write such links when the artifact is downloaded.`);
    }
  }
  const empty = draft.entries.filter((e) => e.type === 'file' && e.size === 0);
  if (empty.length > 0) warnings.push(`${empty.length === 1 ? empty[0]!.name : `${empty.length} files`} ${empty.length === 1 ? 'is' : 'are'} empty.`);
  if (draft.entries.some((e) => e.sniffed === 'chart-provenance') && !draft.entries.some((e) => e.sniffed === 'helm-chart')) warnings.push('A chart provenance file (.prov) was dropped without its chart.');
  const suggestion: PublishDraft['suggestion'] = { tags: [], annotations: {} };
  if (chart) {
    suggestion.repository = chart.name;
    suggestion.tags = [chartTag(chart.version)];
  } else if (draft.entries.length === 1) {
    const repo = suggestedRepository(draft.entries[0]!.name);
    if (repo) suggestion.repository = repo;
  }
  return {
    draftId: draft.id,
    entries,
    entryCount: draft.entries.length,
    fileCount: draft.entries.reduce((n, e) => n + e.fileCount, 0),
    totalBytes: draft.entries.reduce((n, e) => n + e.size, 0),
    detected: draft.detected,
    suggestion,
    warnings,
  };
}
