/**
 * Tags that are not artifacts of their own but point at another one: the referrers tag schema
 * (`sha256-<hex>` holds an index of referrers) and cosign's legacy `sha256-<hex>.sig|.att|.sbom`.
 */
export type ReferrerTagKind = 'tag-schema' | 'cosign-signature' | 'cosign-attestation' | 'cosign-sbom';

export interface ReferrerTag {
  tag: string;
  kind: ReferrerTagKind;
  /** The digest of the artifact it points at, e.g. `sha256:…`. */
  digest: string;
}

export interface ReferrerTagGroup {
  digest: string;
  tags: ReferrerTag[];
}

export interface FoldedTags {
  /** Tags of artifacts in their own right, in input order. */
  tags: string[];
  /** Referrer tags grouped by the digest they point at, in order of first appearance. */
  referrers: ReferrerTagGroup[];
}

const REFERRER_TAG = /^(sha256-[0-9a-f]{64}|sha512-[0-9a-f]{128})(?:\.(sig|att|sbom))?$/;
const SUFFIX_KIND: Readonly<Record<string, ReferrerTagKind>> = {
  sig: 'cosign-signature',
  att: 'cosign-attestation',
  sbom: 'cosign-sbom',
};

/** The referrer a tag names, or undefined for an ordinary tag. */
export function parseReferrerTag(tag: string): ReferrerTag | undefined {
  if (tag.length > 140) return undefined;
  const match = REFERRER_TAG.exec(tag);
  if (!match) return undefined;
  const [, algoHex = '', suffix] = match;
  const dash = algoHex.indexOf('-');
  const digest = `${algoHex.slice(0, dash)}:${algoHex.slice(dash + 1)}`;
  const kind = suffix === undefined ? 'tag-schema' : SUFFIX_KIND[suffix];
  return kind ? { tag, kind, digest } : undefined;
}

/** The tag under which the referrers tag schema keeps the referrers of `digest`. */
export function tagSchemaTagFor(digest: string): string {
  return digest.replace(':', '-');
}

/** Splits a tag list into ordinary tags and referrer tags keyed by the digest they point at. */
export function foldReferrerTags(tags: readonly string[]): FoldedTags {
  const normal: string[] = [];
  const groups = new Map<string, ReferrerTag[]>();
  for (const tag of tags) {
    const ref = parseReferrerTag(tag);
    if (!ref) {
      normal.push(tag);
      continue;
    }
    const group = groups.get(ref.digest);
    if (group) group.push(ref);
    else groups.set(ref.digest, [ref]);
  }
  return { tags: normal, referrers: [...groups].map(([digest, refs]) => ({ digest, tags: refs })) };
}
