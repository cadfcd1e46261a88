import { ContractError } from '../../shared/contract';
import { isAbort, isNetworkError, RegistryError, tlsCode } from '../oci/errors';
import { ListingRefused } from '../catalog/listing/repository-lister';

/** What the requests the app makes anyway tell about one registry: a success, or a failure to look into. */
export interface RegistryOutcome {
  /** The registry answered a request (a listing, tags, a manifest) as asked. */
  succeeded(): void;
  /** A request failed; `failureMayChangeStatus` decides whether that says anything about the registry. */
  failed(error: unknown): void;
}

/** The same, for any saved registry by id: what the catalog reports to. */
export interface RequestOutcomes {
  succeeded(registryId: string): void;
  failed(registryId: string, error: unknown): void;
}

export function outcomeFor(outcomes: RequestOutcomes, registryId: string): RegistryOutcome {
  return { succeeded: () => outcomes.succeeded(registryId), failed: (error) => outcomes.failed(registryId, error) };
}

/**
 * Whether a failed request may mean the registry's status changed: a refused login (401, a token
 * service's refusal, a listing refused), a registry that cannot be reached or whose TLS fails, or
 * a server error. A cancellation, a missing repository or tag, a 403 on one repository or a
 * refused input say nothing about the registry as a whole.
 */
export function failureMayChangeStatus(error: unknown): boolean {
  if (isAbort(error)) return false;
  if (error instanceof ListingRefused) return true;
  if (error instanceof RegistryError) return error.status === 401 || error.status >= 500;
  if (error instanceof ContractError) return error.code === 'unauthorized' || error.code === 'network';
  return isNetworkError(error) || tlsCode(error) !== undefined;
}
