import { join } from 'node:path';
import { ContractError, type Handlers, type PublishOptions } from '../../shared/contract';
import type { TransferResult } from '../../shared/contract/transfers';
import { createLogger } from '../log/logger';
import type { Descriptor } from '../oci/manifests/manifest-types';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { ArtifactRepository } from '../oci/storage';
import type { RegistriesStore } from '../registries/registries-store';
import type { HostIntegration } from '../services/host-integration';
import { createPushJob } from '../transfers/push/push-job';
import type { TransferQueue } from '../transfers/transfer-job';
import { buildPlan, type BuildDeps } from './build-plan';
import { detectKind } from './detect/detect-kind';
import { buildEntries } from './drafts/build-entries';
import { describeDraft } from './drafts/describe-draft';
import { DRAFT_IDLE_MS, DraftStore, removeStaleWork } from './drafts/draft-store';
import { HashCache } from './drafts/hash-cache';
import { readChart } from './prepare/prepare-blobs';
import { previewOf } from './publish-preview';
import { openSources } from './sources/open-sources';
import { targetProblems } from './target-rules';
import { PickedPaths } from './sources/picked-paths';

export type PublishHandlers = Pick<Handlers, 'publish.pick' | 'publish.open' | 'publish.preview' | 'publish.start' | 'publish.discard'>;

export interface PublishServiceDeps {
  registries: Pick<RegistriesStore, 'get'>;
  repositoryFor(registryId: string, repository: string): Promise<ArtifactRepository>;
  noteChanged(registryId: string, repository: string): Promise<void>;
  queue: TransferQueue;
  integration: HostIntegration;
  dataDir: string;
  scheduler: TransferScheduler;
  /** Tests: the clock and the environment (SOURCE_DATE_EPOCH). */
  now?: () => Date;
  env?: Record<string, string | undefined>;
}

export interface PublishService {
  handlers: PublishHandlers;
  /** Forgets every draft and removes their work files (quit; tests). */
  close(): Promise<void>;
}

const log = createLogger('publish');

/**
 * Publishing: dropped or picked files and folders → a draft (kind detected) → a live preview of
 * the exact manifest → a push in the transfer queue, in the layout the owning tool writes.
 */
export function createPublishService(deps: PublishServiceDeps): PublishService {
  const workRoot = join(deps.dataDir, 'publish-work');
  const drafts = new DraftStore(workRoot);
  void removeStaleWork(workRoot, 2 * DRAFT_IDLE_MS).catch((error: unknown) => log.error('removing old publish work files', error));
  const hashes = new HashCache();
  const picked = new PickedPaths();
  const env = deps.env ?? process.env;

  const savedRegistry = (id: string) => {
    const saved = deps.registries.get(id);
    if (!saved) throw new ContractError('not-found', 'That registry is no longer in the list.');
    return saved;
  };

  const build = (options: PublishOptions) => {
    const saved = savedRegistry(options.registryId);
    const draft = drafts.get(options.draftId);
    if (options.configEntryId && !draft.entries.some((e) => e.id === options.configEntryId)) {
      throw new ContractError('invalid-input', 'The config file chosen is not one of the dropped files.');
    }
    const buildDeps: BuildDeps = {
      hashes,
      host: saved.host,
      now: deps.now ?? (() => new Date()),
      sourceDateEpoch: env.SOURCE_DATE_EPOCH,
      resolveSubject: (repository, digest) => {
        const key = `${options.registryId}\0${repository}\0${digest}`;
        let found = draft.subjects.get(key);
        if (!found) {
          found = deps.repositoryFor(options.registryId, repository).then((repo) => repo.resolve(digest)).then((d): Descriptor => ({ mediaType: d.mediaType, digest: d.digest, size: d.size }));
          draft.subjects.set(key, found);
          found.catch(() => draft.subjects.delete(key));
        }
        return found;
      },
    };
    const built = buildPlan(draft, options, buildDeps).then((b) => {
      const suffix = b.packed.repositorySuffix;
      const target = { kind: saved.kind, host: saved.host, repository: b.plan.repository, ...(suffix ? { addedSuffix: suffix } : {}) };
      return { ...b, problems: [...b.problems, ...targetProblems(target)] };
    });
    return { draft, built };
  };

  const handlers: PublishHandlers = {
    'publish.pick': async ({ mode }) => {
      if (!deps.integration.pickPaths) throw new ContractError('invalid-input', 'This window has no file picker of its own here; use the page\'s file or folder picker, or drop the files.');
      const paths = await deps.integration.pickPaths(mode);
      picked.add(paths);
      return paths.map((path) => ({ type: 'path' as const, path }));
    },

    'publish.open': async ({ sources, target }) => {
      const roots = await openSources(sources, deps.integration, picked);
      for (const root of roots) if (root.received) hashes.remember(root.received);
      const entries = await buildEntries(roots);
      const detected = detectKind(entries);
      const draft = drafts.create(entries, detected, target);
      let chart: { name: string; version: string } | undefined;
      if (detected.kind === 'helm') {
        const entry = entries.find((e) => e.sniffed === 'helm-chart');
        const reading = entry ? await readChart(entry).catch(() => undefined) : undefined;
        if (reading?.ok) chart = { name: reading.metadata.name, version: reading.metadata.version };
      }
      return describeDraft(draft, chart);
    },

    'publish.preview': async (options) => previewOf(await build(options).built),

    'publish.start': async (options) => {
      const saved = savedRegistry(options.registryId);
      const { draft, built: building } = build(options);
      const built = await building;
      if (built.problems.length > 0) throw new ContractError('invalid-input', built.problems.join(' '));
      const { plan } = built;
      const repository = await deps.repositoryFor(options.registryId, plan.repository);
      let succeeded = false;
      const onDone = async (result: TransferResult) => {
        succeeded = true;
        // the catalog catching up is a nicety: the push landed and the user hears so either way
        await deps.noteChanged(options.registryId, plan.repository).catch((error: unknown) => log.error(`refreshing ${plan.repository} after publishing`, error));
        const tag = result.tags?.[0];
        deps.integration.notify?.('Published', `${plan.repository}${tag ? `:${tag}` : ''} ${result.digest ?? ''}`.trim());
      };
      const job = createPushJob(plan, { repository, scheduler: deps.scheduler, host: saved.host, onDone });
      draft.inFlight += 1;
      const transferId = deps.queue.enqueue(job);
      void deps.queue
        .settled(transferId)
        .catch(() => undefined)
        .then(() => drafts.transferEnded(draft, succeeded))
        .catch((error: unknown) => log.error('removing publish work files', error));
      return { transferId };
    },

    'publish.discard': async ({ draftId }) => {
      await drafts.discard(draftId);
      return null;
    },
  };

  return { handlers, close: () => drafts.close() };
}
