import type { Handlers } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { toContractError, type ArtifactRepository } from '../oci';
import { isDigest } from '../oci/reference/digest';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { RegistriesStore } from '../registries/registries-store';
import type { HostIntegration } from '../services/host-integration';
import type { TransferQueue } from '../transfers/transfer-job';
import { ExportFolders } from './export-folders';
import { readExportGraph } from './export-graph';
import { createExportJob } from './export-job';
import { checkTarget, usableTarget } from './export-target';

export type ExportHandlers = Pick<Handlers, 'exports.suggest' | 'exports.check' | 'exports.pick' | 'exports.start'>;

export interface ExportServiceDeps {
  registries: Pick<RegistriesStore, 'get'>;
  repositoryFor(registryId: string, repository: string): Promise<ArtifactRepository>;
  queue: TransferQueue;
  scheduler: TransferScheduler;
  integration: HostIntegration;
  dataDir: string;
}

/**
 * Export: checks the target, reads what goes (every manifest's exact bytes, so a missing tag or an
 * unusable folder answers the call itself), then queues an `export` transfer that writes it.
 */
export function createExportService(deps: ExportServiceDeps): { handlers: ExportHandlers } {
  const folders = new ExportFolders(deps.dataDir);

  const handlers: ExportHandlers = {
    'exports.suggest': async ({ repository, reference, format }) => ({ path: await folders.suggest(repository, reference, format) }),
    'exports.check': async ({ path, format }) => checkTarget(path, format),
    'exports.pick': async ({ format, path }) => {
      if (!deps.integration.pickExportTarget) throw new ContractError('invalid-input', 'This window cannot open a file dialog: type the path instead.');
      return deps.integration.pickExportTarget(format, path);
    },
    'exports.start': async ({ source, target, referrers }, { signal }) => {
      const saved = deps.registries.get(source.registryId);
      if (!saved) throw new ContractError('not-found', 'That registry is no longer saved; choose another.');
      const checked = await usableTarget(target.path, target.format, target.replace === true);
      const repository = await deps.repositoryFor(source.registryId, source.repository);
      const graph = await readExportGraph(repository, source.reference, { referrers, signal }).catch((error: unknown) => {
        throw toContractError(error);
      });
      const what =
        source.reference === undefined
          ? `${saved.host}/${source.repository} (${graph.tags.size} tag${graph.tags.size === 1 ? '' : 's'})`
          : `${saved.host}/${source.repository}${isDigest(source.reference) ? `@${source.reference.slice(0, 19)}` : `:${source.reference}`}`;
      const job = createExportJob({
        graph,
        source: repository,
        scheduler: deps.scheduler,
        host: saved.host,
        format: target.format,
        path: checked.path,
        title: `Export ${what} to ${checked.path}`,
        ...(source.reference !== undefined ? { reference: source.reference } : {}),
        onDone: () => folders.remember(checked.path),
      });
      return { transferId: deps.queue.enqueue(job) };
    },
  };
  return { handlers };
}
