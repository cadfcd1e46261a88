import type { ReferrerNode } from '../../../shared/contract';
import type { RegistryCatalog } from '../registry-catalog';
import { classify, createdOf, manifestTotalSize } from '../classify/digest-facts';
import type { ReferrerEntry } from '../classify/repository-referrers';
import { mergeReferrers } from '../classify/repository-referrers';
import { isObject, stringRecord } from './json-view';

const MAX_NODES = 200;

/**
 * Referrers of `digest` as a tree: the referrers API, the tag schema, cosign tags and buildx
 * attestations together; each referrer's own referrers (a signature on an SBOM) as children.
 */
export async function referrerTree(
  catalog: RegistryCatalog,
  repository: string,
  digest: string,
  known: Map<string, ReferrerEntry[]>,
  buildx: ReferrerEntry[],
  signal?: AbortSignal,
): Promise<ReferrerNode[]> {
  let budget = MAX_NODES;
  const visit = async (subject: string, depth: number, extra: ReferrerEntry[]): Promise<ReferrerNode[]> => {
    const api = await catalog.apiReferrers(repository, subject, signal);
    const entries = mergeReferrers(api, known.get(subject) ?? [], extra).slice(0, Math.max(0, budget));
    budget -= entries.length;
    return Promise.all(
      entries.map(async (entry) => {
        const node: ReferrerNode = { digest: entry.digest ?? '', kind: entry.kind, mediaType: entry.descriptor?.mediaType ?? 'unknown', source: entry.source, children: [] };
        if (entry.tag) node.tag = entry.tag;
        if (entry.descriptor?.artifactType) node.artifactType = entry.descriptor.artifactType;
        if (entry.descriptor?.annotations) node.annotations = stringRecord(entry.descriptor.annotations);
        try {
          const ref = entry.digest ?? (entry.tag ? await catalog.resolve(repository, entry.tag, false, signal) : undefined);
          if (!ref) return node;
          const manifest = await catalog.manifest(repository, ref, signal);
          const { doc, classification } = classify(manifest, entry.tag);
          node.digest = ref;
          node.kind = entry.source === 'buildx' ? 'attestation' : classification.kind;
          if (classification.subKind) node.subKind = classification.subKind;
          node.mediaType = classification.mediaType;
          if (classification.artifactType) node.artifactType = classification.artifactType;
          if (isObject(doc) && isObject(doc.annotations)) node.annotations = stringRecord(doc.annotations);
          const size = manifestTotalSize(doc, manifest.bytes.length);
          if (size !== undefined) node.size = size;
          const created = createdOf(doc);
          if (created) node.created = created;
          if (depth < 2 && budget > 0) node.children = await visit(ref, depth + 1, []);
        } catch {
          /* the node stays as its descriptor described it */
        }
        return node;
      }),
    );
  };
  return visit(digest, 0, buildx);
}
