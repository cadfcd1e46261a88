import type { AddRegistryInput, CallInput, RegistryStatus, RegistryView } from '../../../shared/contract';
import { registryPresets } from '../../../shared/registries/registry-presets';
import { call, messageOf, on, onReconnect } from '../lib/api';
import { logins } from './logins.svelte';

/** The registry list the sidebar shows, kept in step with the main process's `registries.changed`. */
export class RegistriesState {
  items = $state<RegistryView[]>([]);
  loading = $state(true);
  loadError = $state<string | null>(null);
  readonly isEmpty = $derived(!this.loading && this.items.length === 0);
  /** Whether the user has added a registry of their own, beside the built-in Local one. */
  readonly hasAdded = $derived(this.items.some((r) => !registryPresets[r.kind].builtIn));
  /** Registries that take publishes and copies: all but layouts and archives opened read-only. */
  readonly writable = $derived(this.items.filter((r) => !registryPresets[r.kind].readOnly));

  /** False only for a registry known to be opened read-only. */
  isWritable(id: string): boolean {
    return !this.items.some((r) => r.id === id && registryPresets[r.kind].readOnly === true);
  }
  private stopListening: Array<() => void> = [];

  async start(): Promise<void> {
    if (this.stopListening.length === 0) {
      this.stopListening.push(
        on('registries.changed', (list) => {
          this.items = list;
        }),
        onReconnect(() => void this.reload()),
      );
    }
    await Promise.all([this.reload(), logins.load()]);
  }

  stop(): void {
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
  }

  async reload(): Promise<void> {
    try {
      this.items = await call('registries.list', {});
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  /** Throws the ContractError so the dialog can show it next to the field. */
  async add(input: AddRegistryInput): Promise<RegistryView> {
    const view = await call('registries.add', input);
    this.upsert(view);
    return view;
  }

  async update(input: CallInput<'registries.update'>): Promise<RegistryView> {
    const view = await call('registries.update', input);
    this.upsert(view);
    return view;
  }

  async remove(id: string): Promise<void> {
    await call('registries.remove', { id });
    this.items = this.items.filter((r) => r.id !== id);
  }

  async ping(id: string): Promise<RegistryStatus> {
    return call('registries.ping', { id });
  }

  /** Puts a registry view the main process returned in place (the event may follow later). */
  upsert(view: RegistryView): void {
    const index = this.items.findIndex((r) => r.id === view.id);
    if (index >= 0) this.items[index] = view;
    else this.items = [...this.items, view];
  }
}

export const registries = new RegistriesState();
