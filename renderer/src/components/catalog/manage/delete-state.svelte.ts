import type { DeletePlan } from '../../../../../shared/contract';
import { call, messageOf } from '../../../lib/api';
import type { ManageTarget } from './manage-target';

/**
 * The Delete confirmation: the plan (every tag on the digest, referrers if chosen) is read from the
 * registry before anything goes, and read again whenever "referrers" is toggled.
 */
export class DeleteState {
  referrers = $state(false);
  plan = $state.raw<DeletePlan | null>(null);
  planning = $state(false);
  deleting = $state(false);
  /** The registry's own message when it refuses (or the plan cannot be read). */
  error = $state<string | null>(null);
  readonly canDelete = $derived(!!this.plan && !this.planning && !this.deleting);
  private asked = 0;

  constructor(readonly target: ManageTarget & { digest: string }) {}

  async load(): Promise<void> {
    const ask = ++this.asked;
    this.planning = true;
    this.plan = null;
    this.error = null;
    try {
      const plan = await call('catalog.planDelete', { registryId: this.target.registryId, repository: this.target.repository, digest: this.target.digest, referrers: this.referrers });
      if (ask === this.asked) this.plan = plan;
    } catch (error) {
      if (ask === this.asked) this.error = messageOf(error);
    } finally {
      if (ask === this.asked) this.planning = false;
    }
  }

  /** Deletes (the service plans again, so nothing tagged since is left dangling); true when done. */
  async run(): Promise<boolean> {
    if (!this.canDelete) return false;
    this.deleting = true;
    this.error = null;
    try {
      this.plan = await call('catalog.delete', { registryId: this.target.registryId, repository: this.target.repository, digest: this.target.digest, referrers: this.referrers });
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    } finally {
      this.deleting = false;
    }
  }
}
