import { call, messageOf } from '../../../lib/api';
import type { ManageTarget } from './manage-target';
import { parseRetagTags, retagProblem } from './retag-form';

/** The Retag dialog: tags typed, the repository's tags (to say which move), and the call. */
export class RetagState {
  text = $state('');
  existing = $state.raw<string[]>([]);
  running = $state(false);
  error = $state<string | null>(null);

  readonly tags = $derived(parseRetagTags(this.text));
  readonly problem = $derived(retagProblem(this.tags));
  readonly canRun = $derived(!this.problem && !this.running);

  constructor(readonly target: ManageTarget) {}

  /** Reads the repository's tags, so the dialog can say which of the typed ones move. */
  async load(): Promise<void> {
    try {
      this.existing = (await call('catalog.tags', { registryId: this.target.registryId, repository: this.target.repository })).tags;
    } catch {
      // Only the "moves" note needs them; the retag itself does not.
      this.existing = [];
    }
  }

  /** Sends the retag; true when every tag now names the artifact. */
  async run(): Promise<boolean> {
    if (!this.canRun) return false;
    this.running = true;
    this.error = null;
    try {
      const { registryId, repository, reference, digest } = this.target;
      await call('catalog.retag', { registryId, repository, reference: digest ?? reference, tags: this.tags });
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    } finally {
      this.running = false;
    }
  }
}
