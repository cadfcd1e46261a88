import { readFile, stat } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { ContractError } from '../../shared/contract';
import { createRegistry, type CredentialFunction, type Registry } from '../oci';
import type { SavedRegistry } from '../registries/saved-registry';

const MAX_CA_BYTES = 1024 * 1024;

async function readCa(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.size > MAX_CA_BYTES) throw new ContractError('invalid-input', `The CA certificate file ${path} is larger than 1 MiB.`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ContractError) throw error;
    throw new ContractError('invalid-input', `The CA certificate file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

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
