import { readdir, rm, stat } from 'node:fs/promises';
import type { ExportFormat } from '../../shared/contract';
import type { TransferResult } from '../../shared/contract/transfers';
import { createCopyJob } from '../copy/copy-job';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { ArtifactRepository } from '../oci/storage';
import { LAYOUT_FILE } from '../store/layout-paths';
import type { TransferContext, TransferJob } from '../transfers/transfer-job';
import { besideTarget, writeArchive } from './archive-writer';
import type { ExportGraph } from './export-graph';
import { ExportLayout } from './export-layout';
import { dropEmptyIngest, undoExport } from './export-undo';
import { forgetEarlierAttempts } from './fresh-items';

export interface ExportJobSpec {
  graph: ExportGraph;
  source: ArtifactRepository;
  scheduler: TransferScheduler;
  /** The source's scheduler key: the export's pace is the source's. */
  host: string;
  format: ExportFormat;
  /** The folder or the archive file, absolute. */
  path: string;
  title: string;
  /** An artifact export: its tag or digest (the result's skopeo reference). */
  reference?: string;
  /** After the export landed (remember the folder); a failure here is not the export's. */
  onDone?: () => Promise<void>;
}

const ARCHIVE_ITEM = 'archive';

/**
 * An export as a transfer: the copy job (blobs several at once, then manifests children-first and
 * each tag) into an image layout at the chosen folder, or for an archive into a hidden folder
 * beside it that is then tarred into place. A failure or cancel takes away what the attempt wrote,
 * so a retry starts over (blobs the target had all along are `exists`).
 */
export function createExportJob(spec: ExportJobSpec): TransferJob {
  const archive = spec.format === 'archive';
  const target = new ExportLayout(archive ? besideTarget(spec.path, 'export') : spec.path);
  const copy = createCopyJob({
    graph: spec.graph,
    ends: { source: spec.source, destination: target.destination(), scheduler: spec.scheduler, host: spec.host },
    title: spec.title,
    registryId: '',
    repository: spec.source.name,
    tags: [],
    destinationName: spec.path,
  });
  const layoutBytes = spec.graph.blobs.reduce((sum, blob) => sum + blob.size, 0) + spec.graph.manifests.reduce((sum, node) => sum + node.bytes.length, 0);
  const items = archive ? [...copy.items, { id: ARCHIVE_ITEM, name: `write ${spec.path}`, size: layoutBytes }] : copy.items;

  return {
    kind: 'export',
    title: spec.title,
    items,
    async run(outer: TransferContext): Promise<TransferResult> {
      const ctx = forgetEarlierAttempts(outer);
      target.written.clear();
      const before = await folderState(target.dir);
      try {
        const copied = await copy.run(ctx);
        if (archive) {
          const item = ctx.item(ARCHIVE_ITEM);
          item.start();
          await writeArchive(target.dir, spec.path, { signal: ctx.signal, onProgress: (bytes) => item.progress(bytes) });
          item.finish('done');
        } else if (!before.layout) {
          await dropEmptyIngest(target.dir);
        }
        await spec.onDone?.().catch(() => undefined);
        return resultOf(spec, copied);
      } catch (error) {
        if (!archive) await undoExport(target, spec.graph, before.layout, before.absent);
        throw error;
      } finally {
        if (archive) await rm(target.dir, { recursive: true, force: true });
      }
    },
  };
}

async function folderState(dir: string): Promise<{ absent: boolean; layout: boolean }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return { absent: true, layout: false };
  const entries = await readdir(dir).catch(() => [] as string[]);
  return { absent: false, layout: entries.includes(LAYOUT_FILE) };
}

function resultOf(spec: ExportJobSpec, copied: TransferResult): TransferResult {
  const transport = spec.format === 'archive' ? 'oci-archive' : 'oci';
  const tags = [...spec.graph.tags.keys()];
  const artifact = spec.reference !== undefined;
  const firstTag = tags[0];
  const where = spec.format === 'archive' ? `the archive ${spec.path}` : `the folder ${spec.path}`;
  return {
    ...(artifact ? { digest: spec.graph.root.digest, mediaType: spec.graph.root.mediaType } : {}),
    ...(artifact && firstTag !== undefined ? { reference: `${transport}:${spec.path}:${firstTag}` } : {}),
    tags,
    folder: spec.path,
    summary: [`Exported to ${where}${tags.length > 0 ? `, ${tags.length} tag(s)` : ', by digest (no tag)'}.`, ...(copied.summary ?? [])],
  };
}
