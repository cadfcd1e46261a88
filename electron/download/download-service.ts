import type { EventSink, Handlers } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { toContractError, type ArtifactRepository } from '../oci';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { RegistriesStore } from '../registries/registries-store';
import type { HostIntegration } from '../services/host-integration';
import type { TransferQueue } from '../transfers/transfer-job';
import { ConflictBroker } from './conflict-broker';
import { createDownloadJob, type UnpackLimits } from './download-job';
import { choicesFor, planDownload, readArtifact } from './download-planner';
import { placedPaths, type FinishedDownload } from './finished-download';
import { DownloadFolders } from './folders';
import { unpackLimitsFrom } from './unpack-limits';

export type DownloadHandlers = Pick<
  Handlers,
  'downloads.choices' | 'downloads.checkFolder' | 'downloads.createFolder' | 'downloads.pickFolder' | 'downloads.start' | 'downloads.answer' | 'downloads.openFolder' | 'downloads.dragOut'
>;

export interface DownloadServiceDeps {
  registries: Pick<RegistriesStore, 'get'>;
  repositoryFor(registryId: string, repository: string): Promise<ArtifactRepository>;
  noteChanged?(registryId: string, repository: string): Promise<void>;
  queue: TransferQueue;
  integration: HostIntegration;
  dataDir: string;
  events: EventSink;
  scheduler?: TransferScheduler;
  /** Caps for unpacking (decompression bombs); default: from the environment, else 8 GiB and 200× the compressed size. */
  limits?: UnpackLimits;
}

/** Downloading an artifact to a local folder, as a transfer in the queue. */
export function createDownloadService(deps: DownloadServiceDeps): { handlers: DownloadHandlers } {
  const folders = new DownloadFolders(deps.dataDir);
  const limits = deps.limits ?? unpackLimitsFrom(process.env);
  const conflicts = new ConflictBroker(deps.events);
  const finished = new Map<string, FinishedDownload>();

  const hostOf = (registryId: string): string => {
    const saved = deps.registries.get(registryId);
    if (!saved) throw new ContractError('not-found', 'That registry is no longer saved.');
    return saved.host;
  };

  const handlers: DownloadHandlers = {
    'downloads.choices': async ({ registryId, repository, reference }) => {
      hostOf(registryId);
      const repo = await deps.repositoryFor(registryId, repository);
      const artifact = await readArtifact(repo, reference).catch((error: unknown) => {
        throw toContractError(error);
      });
      return choicesFor(artifact, await folders.suggestions());
    },
    'downloads.checkFolder': async ({ path }) => folders.check(path),
    'downloads.createFolder': async ({ path }) => folders.create(path),
    'downloads.pickFolder': async () => {
      if (!deps.integration.pickFolder) throw new ContractError('invalid-input', 'This window cannot open a folder picker: type the folder’s path instead.');
      return deps.integration.pickFolder();
    },
    'downloads.start': async (args) => {
      const host = hostOf(args.registryId);
      const folder = await folders.usable(args.folder);
      const repo = await deps.repositoryFor(args.registryId, args.repository);
      const artifact = await readArtifact(repo, args.reference).catch((error: unknown) => {
        throw toContractError(error);
      });
      const { plan, descriptor } = await planDownload(repo, artifact, {
        repository: args.repository,
        reference: args.reference,
        mode: args.mode,
        ...(args.platform ? { platform: args.platform } : {}),
        ...(args.file ? { file: args.file } : {}),
      }).catch((error: unknown) => {
        throw toContractError(error);
      });
      if (plan.outputs.length === 0) {
        const why = plan.refused.map((r) => `${r.name}: ${r.reason}`).join('; ');
        throw new ContractError('invalid-input', `Nothing in this artifact can be downloaded safely${why ? ` (${why.slice(0, 300)})` : ''}.`);
      }
      await folders.remember(folder);
      const policy = args.conflicts ?? 'ask';
      const job = createDownloadJob({
        title: `Download ${host}/${args.repository}:${args.reference.includes(':') ? args.reference.slice(0, 19) : args.reference} to ${folder}`,
        registryId: args.registryId,
        repository: args.repository,
        reference: `${host}/${args.repository}@${descriptor.digest}`,
        digest: descriptor.digest,
        mediaType: descriptor.mediaType,
        repo,
        plan,
        folder,
        limits,
        conflict: (name, ctx) => conflicts.ask(name, ctx, policy),
        onDone: (transferId, done, placed) => finished.set(transferId, { folder: done, placed }),
      });
      return { transferId: deps.queue.enqueue(job) };
    },
    'downloads.answer': async ({ transferId, answer, remember }) => {
      conflicts.answer(transferId, answer, remember);
      return null;
    },
    'downloads.openFolder': async ({ transferId }) => {
      const folder = finished.get(transferId)?.folder;
      if (!folder) throw new ContractError('not-found', 'That download has not finished, or is no longer known.');
      if (!deps.integration.openFolder) throw new ContractError('invalid-input', `This window cannot open folders: the files are in ${folder}.`);
      await deps.integration.openFolder(folder);
      return null;
    },
    'downloads.dragOut': async ({ transferId }) => {
      const done = finished.get(transferId);
      if (!done) throw new ContractError('not-found', 'That download has not finished, or is no longer known.');
      if (!deps.integration.startDrag) {
        throw new ContractError('invalid-input', `A browser cannot drag files out of the page: use Open folder, or find them in ${done.folder}.`);
      }
      deps.integration.startDrag(placedPaths(done), done.folder);
      return null;
    },
  };
  return { handlers };
}
