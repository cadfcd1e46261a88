import { z } from 'zod';
import { kindIds } from '../../../shared/artifacts';

/**
 * What the catalog remembers of one registry between runs: the last repository listing and, per
 * repository, the tag list, tag → digest and the summary. A normal open is served from it; an
 * explicit refresh revalidates it. Read from a file, so it is untrusted: validated and bounded.
 */
export const SNAPSHOT_VERSION = 1;
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;
export const MAX_SNAPSHOT_REPOSITORIES = 200_000;
/** A repository with more tags than this keeps no tag snapshot (it is listed again when opened). */
export const MAX_SNAPSHOT_TAGS = 20_000;

const name = z.string().min(1).max(255).regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/);
const tag = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
const digest = z.string().regex(/^sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$/);
const text = z.string().max(2000);

const summary = z
  .object({
    tagCount: z.number().int().min(0),
    kinds: z.partialRecord(z.enum(kindIds), z.number().int().min(0)),
    problem: text.optional(),
  })
  .strict();

const repository = z
  .object({
    tags: z.array(tag).max(MAX_SNAPSHOT_TAGS).optional(),
    referrerTags: z.record(digest, z.array(z.string().max(200)).max(MAX_SNAPSHOT_TAGS)).optional(),
    digests: z.record(tag, digest),
    summary: summary.optional(),
  })
  .strict();

export const snapshotSchema = z
  .object({
    version: z.literal(SNAPSHOT_VERSION),
    /** The registry address it was taken from: a snapshot of another address is not used. */
    url: z.string().max(2048),
    listing: z
      .object({
        source: z.enum(['catalog', 'dockerhub', 'harbor', 'quay', 'gitlab', 'ghcr']),
        names: z.array(name).max(MAX_SNAPSHOT_REPOSITORIES),
      })
      .strict()
      .optional(),
    repositories: z.record(name, repository),
  })
  .strict();

export type SnapshotFile = z.infer<typeof snapshotSchema>;
export type RepositorySnapshot = z.infer<typeof repository>;
export type SummarySnapshot = z.infer<typeof summary>;

/** The snapshot in `bytes`, or undefined when it is of another version, address, or malformed. */
export function decodeSnapshot(bytes: Buffer, url: string): SnapshotFile | undefined {
  if (bytes.length > MAX_SNAPSHOT_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success || parsed.data.url !== url) return undefined;
  if (Object.keys(parsed.data.repositories).length > MAX_SNAPSHOT_REPOSITORIES) return undefined;
  return parsed.data;
}
