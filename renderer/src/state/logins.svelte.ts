import type { ImportCandidate, LoginsStatus, RegistryPreset, RegistryView } from '../../../shared/contract';
import { call, messageOf } from '../lib/api';
import { registries } from './registries.svelte';

/** Where logins are kept, the registry presets, and the login calls. Never holds a secret after a call returns. */
export class LoginsState {
  status = $state<LoginsStatus | null>(null);
  presets = $state<RegistryPreset[]>([]);
  loadError = $state<string | null>(null);
  /** The registry whose login dialog is open: the sidebar and the catalog both open the one dialog. */
  dialogFor = $state<string | null>(null);
  readonly sessionOnly = $derived(this.status !== null && !this.status.keychain.available);

  async load(): Promise<void> {
    try {
      const [status, presets] = await Promise.all([call('logins.status', {}), call('registries.presets', {})]);
      this.status = status;
      this.presets = presets;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  openDialog(id: string): void {
    this.dialogFor = id;
  }

  closeDialog(): void {
    this.dialogFor = null;
  }

  presetFor(registry: Pick<RegistryView, 'kind'>): RegistryPreset | undefined {
    return this.presets.find((p) => p.kind === registry.kind);
  }

  /** The secret goes to the main process once and is not kept here. */
  async login(id: string, username: string, secret: string, secretKind: 'password' | 'identity-token'): Promise<RegistryView> {
    const view = await call('logins.login', { id, username, secret, secretKind });
    registries.upsert(view);
    return view;
  }

  async logout(id: string, username: string): Promise<RegistryView> {
    const view = await call('logins.logout', { id, username });
    registries.upsert(view);
    return view;
  }

  async switchTo(id: string, username: string): Promise<RegistryView> {
    const view = await call('logins.switch', { id, username });
    registries.upsert(view);
    return view;
  }

  async scan(): Promise<{ found: ImportCandidate[]; problems: string[] }> {
    return call('logins.scanImports', {});
  }

  async importChosen(ids: string[]): Promise<{ imported: Array<{ registryId: string; host: string; username: string }>; problems: string[] }> {
    const outcome = await call('logins.import', { ids });
    await registries.reload();
    return outcome;
  }
}

export const logins = new LoginsState();
