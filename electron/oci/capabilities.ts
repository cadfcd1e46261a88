import { CATALOG_SCOPE, repositoryScope } from './auth/scopes';
import { digestOf } from './reference/digest';
import { assertRepository } from './reference/reference';
import type { RegistryHttp } from './registry-http';
import type { ReferrersSupport } from './referrers/referrers';
import { listReferrers } from './referrers/referrers';
import { ManifestStore } from './manifests/manifest-store';

export interface Capabilities {
  catalog: boolean;
  referrers: boolean;
  delete: boolean;
}

/**
 * What one registry supports, probed once and cached: `_catalog` (not in the spec; Docker Hub and
 * GHCR refuse it), the referrers API, and manifest deletes (probed with a digest that cannot exist).
 */
export class CapabilityProbe {
  private catalogSupport: Promise<boolean> | undefined;
  private deleteSupport: Promise<boolean> | undefined;
  readonly referrers: ReferrersSupport = { supported: undefined };

  constructor(private readonly http: RegistryHttp) {}

  catalog(signal?: AbortSignal): Promise<boolean> {
    this.catalogSupport ??= forgetOnFailure((async () => {
      const res = await this.http.send({ method: 'GET', url: '/v2/_catalog?n=1', headers: { accept: 'application/json' }, scopes: [CATALOG_SCOPE], ...(signal ? { signal } : {}) });
      await res.body.dump().catch(() => undefined);
      return res.statusCode === 200;
    })(), () => (this.catalogSupport = undefined));
    return this.catalogSupport;
  }

  async referrersApi(repository: string, signal?: AbortSignal): Promise<boolean> {
    if (this.referrers.supported === undefined) {
      const probe = digestOf(`stevedore referrers probe ${Date.now()}`);
      await listReferrers(this.http, new ManifestStore(this.http, repository), probe, signal ? { signal } : {}, this.referrers);
    }
    return this.referrers.supported === true;
  }

  /** 405 (or UNSUPPORTED) on DELETE of an unknown digest means deletes are switched off. */
  deletes(repository: string, signal?: AbortSignal): Promise<boolean> {
    assertRepository(repository);
    this.deleteSupport ??= forgetOnFailure((async () => {
      const probe = digestOf(`stevedore delete probe ${Date.now()} ${Math.random()}`);
      const res = await this.http.send({ method: 'DELETE', url: `/v2/${repository}/manifests/${probe}`, scopes: [repositoryScope(repository, ['delete'])], ...(signal ? { signal } : {}) });
      await res.body.dump().catch(() => undefined);
      return res.statusCode === 404 || res.statusCode === 202;
    })(), () => (this.deleteSupport = undefined));
    return this.deleteSupport;
  }

  async probe(repository: string, signal?: AbortSignal): Promise<Capabilities> {
    return { catalog: await this.catalog(signal), referrers: await this.referrersApi(repository, signal), delete: await this.deletes(repository, signal) };
  }
}

/** A failed probe (network, cancel) is not an answer: the next call probes again. */
function forgetOnFailure<T>(probe: Promise<T>, forget: () => void): Promise<T> {
  probe.catch(forget);
  return probe;
}
