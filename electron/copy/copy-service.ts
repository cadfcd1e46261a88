import type { Handlers } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { registryPresets } from '../../shared/registries/registry-presets';
import { readOnlyError } from '../imports/import-errors';
import { toContractError, type ArtifactRepository } from '../oci';
import { isDigest } from '../oci/reference/digest';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { RegistriesStore } from '../registries/registries-store';
import type { TransferQueue } from '../transfers/transfer-job';
import { readCopyGraph } from './copy-graph';
import { createCopyJob } from './copy-job';

export type CopyHandlers = Pick<Handlers, 'copy.start'>;

export interface CopyServiceDeps {
  registries: Pick<RegistriesStore, 'get'>;
  repositoryFor(registryId: string, repository: string): Promise<ArtifactRepository>;
  noteChanged?(registryId: string, repository: string): Promise<void>;
  queue: TransferQueue;
  scheduler: TransferScheduler;
}

/**
 * Copy / promote: reads the artifact's graph (every manifest's exact bytes, so errors such as a
 * missing tag answer the call itself), then queues a `copy` transfer that moves it.
 */
export function createCopyService(deps: CopyServiceDeps): { handlers: CopyHandlers } {
  const savedOf = (registryId: string, side: string) => {
    const saved = deps.registries.get(registryId);
    if (!saved) throw new ContractError('not-found', `The ${side} registry is no longer saved; choose another.`);
    return saved;
  };

  const handlers: CopyHandlers = {
    'copy.start': async ({ from, to, referrers }, { signal }) => {
      const fromHost = savedOf(from.registryId, 'source').host;
      const destinationRegistry = savedOf(to.registryId, 'destination');
      // refused before the graph is read: an opened layout would only fail at its first blob
      if (registryPresets[destinationRegistry.kind].readOnly) throw readOnlyError(destinationRegistry.name);
      const toHost = destinationRegistry.host;
      const tags = [...new Set(to.tags ?? (isDigest(from.reference) ? [] : [from.reference]))];
      const sameRepository = from.registryId === to.registryId && from.repository === to.repository;
      if (sameRepository && tags.every((tag) => tag === from.reference)) {
        throw new ContractError('invalid-input', 'That is where the artifact already is: choose another repository, or other tags.');
      }
      const source = await deps.repositoryFor(from.registryId, from.repository);
      const destination = await deps.repositoryFor(to.registryId, to.repository);
      const graph = await readCopyGraph(source, from.reference, { referrers, signal }).catch((error: unknown) => {
        throw toContractError(error);
      });
      const sameRegistry = from.registryId === to.registryId && !sameRepository;
      const shown = isDigest(from.reference) ? from.reference.slice(0, 19) : from.reference;
      const job = createCopyJob({
        graph,
        ends: { source, destination, scheduler: deps.scheduler, host: toHost, ...(sameRegistry ? { mountFrom: from.repository } : {}) },
        title: `Copy ${fromHost}/${from.repository}:${shown} to ${toHost}/${to.repository}${tags.length > 0 ? `:${tags.join(', ')}` : ''}`,
        registryId: to.registryId,
        repository: to.repository,
        tags,
        destinationName: `${toHost}/${to.repository}`,
        onDone: async () => {
          await deps.noteChanged?.(to.registryId, to.repository);
        },
      });
      return { transferId: deps.queue.enqueue(job) };
    },
  };
  return { handlers };
}
