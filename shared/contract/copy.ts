import { z } from 'zod';
import { phantom } from './phantom';
import { registryId } from './registries';
import { digestString, repositoryName, tagName } from './names';

/**
 * Copy / promote: an artifact (every platform of an index, optionally its referrers) from any
 * registry to any other, Local included, keeping every digest. Runs as a `copy` transfer in the
 * queue; blobs the destination has are skipped, and within one registry they are mounted.
 */
export interface CopyStarted {
  transferId: string;
}

/** At most this many tags at once on the destination. */
import { MAX_COPY_TAGS } from './constants';

export { MAX_COPY_TAGS };

const reference = z.union([tagName, digestString]);

export const copyCalls = {
  'copy.start': {
    input: z
      .object({
        from: z.object({ registryId, repository: repositoryName, reference }).strict(),
        /** `tags` omitted: the source tag (none when the source is named by digest). Empty: by digest only. */
        to: z.object({ registryId, repository: repositoryName, tags: z.array(tagName).max(MAX_COPY_TAGS).optional() }).strict(),
        /** Also copy signatures, SBOMs and attestations that refer to it (referrers API, tag schema and cosign tags). */
        referrers: z.boolean(),
      })
      .strict(),
    output: phantom<CopyStarted>(),
  },
} as const;

export const copyEvents = {} as const;
