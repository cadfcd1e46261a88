import type { Dispatcher } from 'undici';
import type { CredentialFunction } from './auth/credentials';
import { CapabilityProbe } from './capabilities';
import { RegistryClient } from './client/registry-client';
import { registryErrorFrom, toContractError } from './errors';
import { listRepositories, type ListOptions } from './listing/catalog';
import type { RetryPolicy } from './retry/retry-policy';
import { Repository } from './repository';
import type { TokenCache } from './auth/token-cache';
import type { ArtifactRegistry } from './storage';

export interface RegistryOptions {
  baseUrl: string;
  credentials?: CredentialFunction;
  insecure?: boolean;
  ca?: string | readonly string[];
  retry?: Partial<RetryPolicy>;
  tokenCache?: TokenCache;
  dispatcher?: Dispatcher;
  /** Injected clock for token expiry (tests). */
  now?: () => number;
}

/** A registry, after oras-go's `remote.Registry`: repositories, ping, and a repository by name. */
export class Registry implements ArtifactRegistry {
  readonly http: RegistryClient;
  readonly capabilities: CapabilityProbe;

  constructor(options: RegistryOptions) {
    this.http = new RegistryClient(options);
    this.capabilities = new CapabilityProbe(this.http);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  repository(name: string): Repository {
    return new Repository(this.http, name, this.capabilities);
  }

  /** `_catalog`, following pages; Docker Hub and GHCR refuse it (not in the OCI spec). */
  repositories(options: ListOptions = {}): AsyncGenerator<string> {
    return listRepositories(this.http, options);
  }

  /** `GET /v2/` with the configured credentials: resolves when they are accepted, else a ContractError. */
  async ping(signal?: AbortSignal): Promise<void> {
    try {
      const res = await this.http.send({ method: 'GET', url: '/v2/', scopes: [], ...(signal ? { signal } : {}) });
      if (res.statusCode !== 200) throw await registryErrorFrom('GET', res.url, res);
      await res.body.dump().catch(() => undefined);
    } catch (error) {
      throw toContractError(error);
    }
  }
}

export function createRegistry(options: RegistryOptions): Registry {
  return new Registry(options);
}
