import { localRegistry } from '../../../electron/registries/local-registry';
import { openLocalStore } from '../../../electron/store';
import { publishDropped } from '../drop-publish';

/** One file dropped on Local: publish.open → publish.preview → publish.start → stored in the layout. */
export interface LocalPublishJob {
  kind: 'publish';
  /** The app's data folder: Local lives in `<dataDir>/local`, drafts beside it. */
  dataDir: string;
  path: string;
  repository: string;
  tag: string;
}

export interface LocalPublishTimes {
  /** Drop to plan ready: open and preview (the preview hashes the file). */
  prepareMs: number;
  /** publish.start to the transfer done: the push job storing the blob and manifest in the layout. */
  pushMs: number;
  check: string;
}

/** The drop's services with the registry pool's Local store behind Local; then what Local holds under the tag is checked. */
export async function publishIntoLocal(job: LocalPublishJob): Promise<LocalPublishTimes> {
  const store = openLocalStore(job.dataDir);
  const { prepareMs, pushMs, preview } = await publishDropped({
    saved: localRegistry(job.dataDir),
    repositoryFor: (repository) => store.repository(repository),
    dataDir: job.dataDir,
    paths: [job.path],
    repository: job.repository,
    tag: job.tag,
    kind: 'files',
  });
  const stored = await store.repository(job.repository).resolve(job.tag);
  if (stored.digest !== preview.digest) throw new Error(`Local holds ${stored.digest} under ${job.tag}, previewed ${preview.digest}`);
  return { prepareMs, pushMs, check: `${preview.layers.length} layer(s), ${preview.digest}` };
}
