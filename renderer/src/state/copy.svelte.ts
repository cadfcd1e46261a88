import { MAX_COPY_TAGS } from '../../../shared/contract/constants';
import { call } from '../lib/api';
import { queueFromDialog } from './queue-from-dialog';
import { registries } from './registries.svelte';

/** The artifact a copy starts from. */
export interface CopySource {
  registryId: string;
  repository: string;
  /** A tag or a digest. */
  reference: string;
}

/** Where a drop landed: fills in the destination. */
export interface CopyDestination {
  registryId: string;
  repository?: string;
}

const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Tags as typed: separated by spaces or commas, duplicates dropped. */
export function parseTags(text: string): string[] {
  const tags = text.split(/[\s,]+/).filter((t) => t.length > 0);
  return tags.filter((t, i) => tags.indexOf(t) === i);
}

/** What is wrong with the destination as typed, or undefined when it can be sent. */
export function destinationProblem(repository: string, tags: readonly string[]): string | undefined {
  if (!repository) return 'Name the repository to copy into.';
  if (repository.length > 255 || !REPOSITORY.test(repository)) return 'A repository name is lower case letters, digits and . _ - separators, with / between parts.';
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) return `“${bad.slice(0, 40)}” is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -).`;
  if (tags.length > MAX_COPY_TAGS) return `At most ${MAX_COPY_TAGS} tags at once.`;
  return undefined;
}

/**
 * The "Copy to…" dialog, one for the app: opened from the detail view or by dropping an artifact
 * row on a registry or repository (then the destination is filled in). Starting queues a `copy`
 * transfer; its progress, cancel and retry are the transfer queue's.
 */
export class CopyDialogState {
  source = $state.raw<CopySource | null>(null);
  registryId = $state('');
  repository = $state('');
  tags = $state('');
  referrers = $state(true);
  starting = $state(false);
  error = $state<string | null>(null);
  /** The last copy started from this dialog (for tests and the status line). */
  startedId = $state<string | null>(null);

  readonly parsedTags = $derived(parseTags(this.tags));
  readonly problem = $derived(destinationProblem(this.repository.trim(), this.parsedTags));
  readonly sameAsSource = $derived(
    !!this.source && this.registryId === this.source.registryId && this.repository.trim() === this.source.repository && (this.parsedTags.length === 0 || this.parsedTags.every((t) => t === this.source?.reference)),
  );
  readonly canStart = $derived(!!this.source && !!this.registryId && !this.problem && !this.sameAsSource && !this.starting);

  openFor(source: CopySource, destination?: CopyDestination): void {
    // A layout opened read-only takes no copy: the first registry that does is offered, and the dialog says why.
    const refused = destination && !registries.isWritable(destination.registryId) ? destination : undefined;
    const wanted = refused ? undefined : (destination?.registryId ?? source.registryId);
    this.source = source;
    this.registryId = wanted !== undefined && registries.isWritable(wanted) ? wanted : (registries.writable[0]?.id ?? '');
    this.repository = (refused ? undefined : destination?.repository) ?? source.repository;
    this.tags = source.reference.includes(':') ? '' : source.reference;
    this.referrers = true;
    this.error = refused ? `${registries.items.find((r) => r.id === refused.registryId)?.name ?? 'That registry'} was opened read-only: copy to Local or a registry instead.` : null;
    this.starting = false;
  }

  close(): void {
    this.source = null;
    this.error = null;
  }

  async start(): Promise<void> {
    const source = this.source;
    if (!source || !this.canStart) return;
    const to = { registryId: this.registryId, repository: this.repository.trim(), tags: this.parsedTags };
    await queueFromDialog(this, () => call('copy.start', { from: source, to, referrers: this.referrers }));
  }
}

export const copy = new CopyDialogState();
