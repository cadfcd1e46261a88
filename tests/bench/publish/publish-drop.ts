import type { PublishKind } from '../../../shared/contract';
import { createRegistry } from '../../../electron/oci/registry';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { publishDropped } from '../drop-publish';

/** One publish as a drop makes it: dropped paths → publish.open → publish.preview → publish.start → pushed. */
export interface PublishDropJob {
  baseUrl: string;
  repository: string;
  tag: string;
  kind: PublishKind;
  paths: string[];
  /** The app's data folder (drafts keep packed folders here). */
  dataDir: string;
}

export interface PublishDropTimes {
  /** Drop to plan ready: open (walk, detect) and preview (hash, pack a folder). */
  prepareMs: number;
  /** The open part of prepareMs (walk, detect). */
  openMs: number;
  /** The layers' bytes as pushed (a packed folder: its .tar.gz). */
  layerBytes: number;
  /** publish.start to the transfer done: what the push executor does. */
  pushMs: number;
  check: string;
}

/** The drop's services pushing to the registry at `baseUrl`; then the pushed digest is checked against the preview's. */
export async function publishDrop(job: PublishDropJob): Promise<PublishDropTimes> {
  const registry = createRegistry({ baseUrl: job.baseUrl });
  const saved = SavedRegistry.parse({ id: 'bench', name: 'bench', url: job.baseUrl, host: new URL(job.baseUrl).host, kind: 'generic' });
  const { openMs, prepareMs, pushMs, preview, view } = await publishDropped({
    saved,
    repositoryFor: (repository) => registry.repository(repository),
    dataDir: job.dataDir,
    paths: job.paths,
    repository: job.repository,
    tag: job.tag,
    kind: job.kind,
  });
  if (view.result?.digest !== preview.digest) throw new Error(`pushed ${view.result?.digest ?? '?'}, previewed ${preview.digest}`);
  const sent = view.counts.done ?? 0;
  return { prepareMs, openMs, pushMs, layerBytes: preview.layers.reduce((sum, layer) => sum + layer.size, 0), check: `${preview.layers.length} layer(s), ${sent} item(s) sent, ${preview.digest}` };
}
