import type { Dispatcher } from 'undici';
import { createRegistry, type CredentialFunction, type Registry } from '../oci';
import { readCa } from '../credentials/ca-file';
import type { SavedRegistry } from '../registries/saved-registry';

/** One OCI client per saved registry, rebuilt when its address or TLS settings change. */
export class RegistryPool {
  private readonly clients = new Map<string, { key: string; registry: Promise<Registry> }>();

  constructor(
    private readonly credentials: CredentialFunction,
    private readonly dispatcher?: Dispatcher,
  ) {}

  get(saved: SavedRegistry): Promise<Registry> {
    const key = JSON.stringify([saved.url, saved.insecure, saved.caCertPath ?? null]);
    const known = this.clients.get(saved.id);
    if (known && known.key === key) return known.registry;
    const registry = (async () =>
      createRegistry({
        baseUrl: saved.url,
        credentials: this.credentials,
        insecure: saved.insecure,
        ...(saved.caCertPath ? { ca: await readCa(saved.caCertPath) } : {}),
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      }))();
    registry.catch(() => this.clients.delete(saved.id));
    this.clients.set(saved.id, { key, registry });
    return registry;
  }
}
