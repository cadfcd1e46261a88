import type { ImportCandidate } from '../../../shared/contract';
import { messageOf } from '../lib/api';
import { logins } from './logins.svelte';

/** The import dialog's state: what was found, what the user chose, and how the import went. */
export class ImportLoginsState {
  open = $state(false);
  found = $state<ImportCandidate[]>([]);
  problems = $state<string[]>([]);
  chosen = $state<Record<string, boolean>>({});
  scanning = $state(false);
  importing = $state(false);
  error = $state<string | null>(null);
  result = $state<string | null>(null);
  readonly chosenIds = $derived(this.found.filter((c) => this.chosen[c.id]).map((c) => c.id));

  async start(): Promise<void> {
    this.open = true;
    this.scanning = true;
    this.error = null;
    this.result = null;
    this.found = [];
    this.problems = [];
    try {
      const scanned = await logins.scan();
      this.found = scanned.found;
      this.problems = scanned.problems;
      this.chosen = Object.fromEntries(scanned.found.map((c) => [c.id, true]));
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.scanning = false;
    }
  }

  close(): void {
    this.open = false;
  }

  async importChosen(): Promise<void> {
    const ids = this.chosenIds;
    if (this.importing || ids.length === 0) return;
    this.importing = true;
    this.error = null;
    try {
      const outcome = await logins.importChosen(ids);
      this.problems = outcome.problems;
      this.result = `Imported ${outcome.imported.length} login${outcome.imported.length === 1 ? '' : 's'}.`;
      const done = outcome.imported.map((i) => `${i.host} ${i.username}`);
      this.found = this.found.filter((c) => !done.includes(`${c.host} ${c.username}`));
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.importing = false;
    }
  }
}
