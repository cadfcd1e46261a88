import type { Dispatcher } from 'undici';
import { createRegistry, type ArtifactRegistry, type CredentialFunction } from '../oci';
import { readCa } from '../credentials/ca-file';
import type { SavedRegistry } from '../registries/saved-registry';
import { openLocalStore } from '../store';
import { isOpenedLayoutKind } from '../../shared/registries/registry-presets';
import { openLayoutAt } from '../imports/opened-registry';
import { readOnlyError } from '../imports/import-errors';

/** A saved registry's storage, as the catalog, publish and download use it. */
export interface PooledRegistry {
  storage: ArtifactRegistry;
  /** Changes when what the storage talks to does (address, TLS settings, folder): the catalog is rebuilt then. */
  key: string;
  /**
   * Whether `repository(…).referrers()` is a listing worth asking for each artifact: a registry's
   * referrers API (probed), or a Local layout scanning its own index. Where it is not, the catalog
   * finds referrers through tags only.
   */
  listsReferrers(repository: string, signal?: AbortSignal): Promise<boolean>;
  /** The storage is files on this disk (Local, an opened layout): the catalog keeps no second copy of its manifests on disk. */
  onDisk: boolean;
  /** Whether the storage accepts manifest deletes: a registry's probe (a DELETE of a digest that cannot exist), always on Local; an opened layout refuses (rejects). */
  deletes(repository: string, signal?: AbortSignal): Promise<boolean>;
}

/** One storage per saved registry: an OCI client rebuilt when its address or TLS settings change, or the Local layout store. */
export class RegistryPool {
  private readonly clients = new Map<string, { key: string; registry: Promise<PooledRegistry> }>();

  constructor(
    private readonly credentials: CredentialFunction,
    private readonly dispatcher?: Dispatcher,
    /** The app's data folder: the Local registry lives in `<dataDir>/local`. */
    private readonly dataDir?: string,
  ) {}

  get(saved: SavedRegistry): Promise<PooledRegistry> {
    const key = JSON.stringify([saved.kind, saved.url, saved.insecure, saved.caCertPath ?? null, ...(isOpenedLayoutKind(saved.kind) ? [saved.name] : [])]);
    const known = this.clients.get(saved.id);
    if (known && known.key === key) return known.registry;
    const registry = this.create(saved, key);
    registry.catch(() => this.clients.delete(saved.id));
    this.clients.set(saved.id, { key, registry });
    return registry;
  }

  private async create(saved: SavedRegistry, key: string): Promise<PooledRegistry> {
    if (saved.kind === 'local-store') {
      if (!this.dataDir) throw new Error('The Local registry needs the data folder.');
      return { storage: openLocalStore(this.dataDir), key, onDisk: true, listsReferrers: async () => true, deletes: async () => true };
    }
    if (isOpenedLayoutKind(saved.kind)) {
      // A layout folder or archive opened read-only: referrers are found by scanning its index; a delete is refused by name.
      return { storage: openLayoutAt(saved.host, saved.kind, saved.name), key, onDisk: true, listsReferrers: async () => true, deletes: () => Promise.reject(readOnlyError(saved.name)) };
    }
    const registry = createRegistry({
      baseUrl: saved.url,
      credentials: this.credentials,
      insecure: saved.insecure,
      ...(saved.caCertPath ? { ca: await readCa(saved.caCertPath) } : {}),
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    });
    return {
      storage: registry,
      key,
      onDisk: false,
      listsReferrers: (repository, signal) => registry.capabilities.referrersApi(repository, signal),
      deletes: (repository, signal) => registry.capabilities.deletes(repository, signal),
    };
  }
}
