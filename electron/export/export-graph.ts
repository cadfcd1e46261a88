import { ContractError } from '../../shared/contract';
import { readCopyGraph, type CopyGraph, type CopyManifest } from '../copy/copy-graph';
import type { Descriptor } from '../oci/manifests/manifest-types';
import { isDigest } from '../oci/reference/digest';
import type { ArtifactRepository } from '../oci/storage';

/** A repository export reads at most this many tags. */
export const MAX_EXPORT_TAGS = 5_000;
/** …and moves at most this many manifests and blobs in all. */
const MAX_MANIFESTS = 20_000;
const MAX_BLOBS = 100_000;

export interface ExportGraph extends CopyGraph {
  /** Tag → root digest, as index.json will name them (bare tags). */
  tags: Map<string, string>;
}

/**
 * What an export moves, as one copy graph: for an artifact, its graph with its tag (none when named
 * by digest); for a repository, every tag's graph merged. Each root carries its own tags, so the
 * copy's manifest step names them in the layout; children stay before parents in the merged order.
 */
export async function readExportGraph(source: ArtifactRepository, reference: string | undefined, options: { referrers: boolean; signal?: AbortSignal }): Promise<ExportGraph> {
  const references = reference !== undefined ? [reference] : await repositoryTags(source, options.signal);
  const merged = new Merged();
  for (const ref of references) {
    options.signal?.throwIfAborted();
    const graph = await readCopyGraph(source, ref, { referrers: options.referrers, ...(options.signal ? { signal: options.signal } : {}) });
    merged.add(graph, isDigest(ref) ? undefined : ref);
  }
  return merged.graph();
}

async function repositoryTags(source: ArtifactRepository, signal?: AbortSignal): Promise<string[]> {
  const tags = await source.allTags(signal ? { signal } : {});
  if (tags.length === 0) throw new ContractError('not-found', `The repository ${source.name} has no tags to export.`);
  if (tags.length > MAX_EXPORT_TAGS) throw new ContractError('invalid-input', `The repository ${source.name} has ${tags.length} tags; Stevedore exports at most ${MAX_EXPORT_TAGS} at once. Export artifacts one by one instead.`);
  return tags;
}

class Merged {
  private root: Descriptor | undefined;
  private readonly blobs = new Map<string, Descriptor>();
  private readonly foreign = new Map<string, Descriptor>();
  private readonly manifests = new Map<string, CopyManifest>();
  private readonly tags = new Map<string, string>();

  add(graph: CopyGraph, tag: string | undefined): void {
    this.root ??= graph.root;
    for (const blob of graph.blobs) if (!this.blobs.has(blob.digest)) this.blobs.set(blob.digest, blob);
    for (const blob of graph.foreign) this.foreign.set(blob.digest, blob);
    for (const node of graph.manifests) {
      const known = this.manifests.get(node.descriptor.digest);
      if (known) {
        for (const t of node.tags) if (!known.tags.includes(t)) known.tags.push(t);
        if (known.subject === undefined && node.subject !== undefined) known.subject = node.subject;
      } else {
        this.manifests.set(node.descriptor.digest, { ...node, tags: [...node.tags] });
      }
    }
    const rootNode = this.manifests.get(graph.root.digest);
    if (tag !== undefined && rootNode && !rootNode.tags.includes(tag)) rootNode.tags.push(tag);
    if (tag !== undefined) this.tags.set(tag, graph.root.digest);
    for (const node of graph.manifests) for (const t of node.tags) this.tags.set(t, node.descriptor.digest);
    if (this.manifests.size > MAX_MANIFESTS) throw new ContractError('invalid-input', `The export names more than ${MAX_MANIFESTS} manifests; export fewer tags at once.`);
    if (this.blobs.size > MAX_BLOBS) throw new ContractError('invalid-input', `The export names more than ${MAX_BLOBS} blobs; export fewer tags at once.`);
  }

  graph(): ExportGraph {
    if (!this.root) throw new ContractError('not-found', 'There is nothing to export.');
    return { root: this.root, blobs: [...this.blobs.values()], manifests: [...this.manifests.values()], foreign: [...this.foreign.values()], tags: this.tags };
  }
}
