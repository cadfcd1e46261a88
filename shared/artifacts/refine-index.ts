import type { Classification } from './classification';

/**
 * An index says little about what its platforms hold: falcoctl pushes plugins, and some Wasm and
 * Helm tools push artifacts, as per-platform indexes. Once one platform manifest is classified,
 * an index of non-images takes that kind (its platforms and attestations stay as they are).
 */
export function refineIndexByChild(index: Classification, child: Classification): Classification {
  if (index.kind !== 'image-index' || !index.platforms?.length) return index;
  if (child.kind === 'image' || child.kind === 'image-index' || child.kind === 'unreadable' || child.kind === 'other') return index;
  const refined: Classification = {
    ...index,
    kind: child.kind,
    mediaType: child.mediaType,
    reason: `An index of ${index.platforms.length} platform(s) holding ${child.mediaType}.`,
  };
  if (child.subKind) refined.subKind = child.subKind;
  else delete refined.subKind;
  return refined;
}
