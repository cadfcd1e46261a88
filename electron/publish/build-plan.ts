import { ContractError, type PublishOptions } from '../../shared/contract';
import type { Descriptor } from '../oci/manifests/manifest-types';
import type { PushPlan } from '../transfers/push-plan';
import type { Draft } from './drafts/draft-store';
import type { HashCache } from './drafts/hash-cache';
import { resolveCreated } from './pack/created';
import { packArtifact } from './pack/pack-artifact';
import type { Packed } from './pack/pack-types';
import { prepareBlobs } from './prepare/prepare-blobs';

export interface BuildDeps {
  hashes: HashCache;
  /** The registry's host, for the transfer's title. */
  host: string;
  now: () => Date;
  sourceDateEpoch: string | undefined;
  /** The attach target's descriptor in the artifact's repository (throws a ContractError when it is not there). */
  resolveSubject: (repository: string, digest: string) => Promise<Descriptor>;
  signal?: AbortSignal;
}

export interface BuiltPlan {
  plan: PushPlan;
  packed: Packed;
  problems: string[];
}

/** e.g. "Publish 3 files to 127.0.0.1:5000/docs:v1", as the queue lists it. */
function titleOf(host: string, plan: Pick<PushPlan, 'repository' | 'tags'>, draft: Draft): string {
  const files = draft.entries.reduce((n, e) => n + e.fileCount, 0);
  const what = draft.entries.length === 1 ? draft.entries[0]!.name : `${files.toLocaleString('en')} files`;
  const tag = plan.tags.length > 0 ? `:${plan.tags[0]}` : '';
  const more = plan.tags.length > 1 ? ` (+${plan.tags.length - 1} tags)` : '';
  return `Publish ${what} to ${host}/${plan.repository}${tag}${more}`;
}

/** Options + draft → the exact plan (prepare on disk, then the kind's pure packer), with its problems. */
export async function buildPlan(draft: Draft, options: PublishOptions, deps: BuildDeps): Promise<BuiltPlan> {
  const problems: string[] = [];
  const created = resolveCreated(options.created, deps.now, deps.sourceDateEpoch);
  if (created.problem) problems.push(created.problem);
  const prepared = await prepareBlobs(draft, options, { hashes: deps.hashes, ...(deps.signal ? { signal: deps.signal } : {}) });
  const extras = { annotations: options.annotations ?? {}, created: created.value };
  // The repository depends on the content (a chart's name): pack once to learn it, then again with the subject.
  let packed = packArtifact({ options, ...prepared, extras });
  const repository = packed.repositorySuffix ? `${options.repository}/${packed.repositorySuffix}` : options.repository;
  if (options.subject) {
    try {
      const subject = await deps.resolveSubject(repository, options.subject);
      packed = packArtifact({ options, ...prepared, extras: { ...extras, subject } });
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      problems.push(`The artifact to attach to (${options.subject.slice(0, 19)}…) cannot be read in ${repository}: ${error.message}`);
    }
  }
  problems.push(...packed.problems);
  const tags = options.tags.length > 0 ? options.tags : (packed.impliedTags ?? []);
  const base = { registryId: options.registryId, repository, tags };
  const plan: PushPlan = { ...base, blobs: packed.blobs, manifest: packed.manifest, title: titleOf(deps.host, base, draft) };
  return { plan, packed, problems };
}
