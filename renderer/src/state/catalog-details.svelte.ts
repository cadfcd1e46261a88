import type { ArtifactDetails } from '../../../shared/contract';
import { call, messageOf } from '../lib/api';

/** One artifact's detail view, fetched when opened. */
export class ArtifactDetailsState {
  details = $state.raw<ArtifactDetails | null>(null);
  loading = $state(true);
  error = $state<string | null>(null);

  constructor(
    readonly registryId: string,
    readonly repository: string,
    readonly reference: string,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.details = await call('catalog.details', { registryId: this.registryId, repository: this.repository, reference: this.reference });
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }
}
