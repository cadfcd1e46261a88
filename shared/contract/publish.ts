import { z } from 'zod';
import { phantom } from './phantom';
import { registryId } from './registries';
import { digestString, mediaTypeString, repositoryName, tagName } from './names';

/**
 * Publishing: dropped or picked files and folders become one OCI artifact, in the layout the
 * owning tool writes (ORAS files and folders, Helm charts, Docker volumes, Wasm, SBOMs, OPA).
 * Flow: `publish.open` (sources → draft, kind detected) → `publish.preview` as the user edits (the
 * exact manifest bytes and digest) → `publish.start` (a transfer in the queue).
 */
import { publishKinds } from './constants';

export { publishKinds };
export type PublishKind = (typeof publishKinds)[number];

/**
 * Where the bytes are. `path`: an absolute path the Electron host saw dropped or picked (main only
 * accepts paths from a drop or a picker it has just seen). `staged`: a file or folder the browser
 * uploaded to the web host's staging area (web mode), by the id the upload answered with.
 */
export type PublishSource = { type: 'path'; path: string } | { type: 'staged'; id: string };

/** Where the drop landed: fills in the panel's target. `subject` set: dropped on an artifact (attach). */
export interface PublishTarget {
  registryId: string;
  repository?: string;
  subject?: string;
}

/** One dropped or picked thing (a file or a folder), as the draft holds it. */
export interface DraftEntry {
  id: string;
  name: string;
  type: 'file' | 'directory';
  /** Bytes (a folder: the sum of its files). */
  size: number;
  /** Files inside (1 for a file). */
  fileCount: number;
  /** The media type its layer gets unless the user changes it. */
  mediaType: string;
  /** What the content looks like, when recognised: `helm-chart`, `wasm`, `spdx`, `cyclonedx`, `rego`, `opa-bundle`, `chart-provenance`, `json`, `text`… */
  sniffed?: string;
}

export interface PublishDraft {
  draftId: string;
  /** At most 1,000, in name order; `entryCount` is the total. */
  entries: DraftEntry[];
  entryCount: number;
  fileCount: number;
  totalBytes: number;
  /** The kind the content looks like, and why. Always overridable. */
  detected: { kind: PublishKind; reason: string };
  /** Filled in from the content: Helm's `<name>` repository suffix and version tag, SBOM names… */
  suggestion: { repository?: string; tags: string[]; annotations: Record<string, string> };
  warnings: string[];
}

const createdOption = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }).strict(),
  z.object({ mode: z.literal('off') }).strict(),
  z.object({ mode: z.literal('pinned'), value: z.string().min(1).max(64) }).strict(),
]);

const draftId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a draft id');
const entryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an entry id');
const annotationKey = z.string().min(1).max(256);

export const PublishOptionsSchema = z
  .object({
    draftId,
    registryId,
    /** The target repository; a Helm chart goes to `<repository>/<chart name>`, as `helm push` does. */
    repository: repositoryName,
    tags: z.array(tagName).max(20),
    kind: z.enum(publishKinds),
    artifactType: mediaTypeString.optional(),
    configMediaType: mediaTypeString.optional(),
    /** An entry used as the config blob instead of a layer (custom kinds, the volume config form). */
    configEntryId: entryId.optional(),
    /** Media type per entry, overriding the guess. */
    mediaTypes: z.record(entryId, mediaTypeString).optional(),
    annotations: z.record(annotationKey, z.string().max(4096)).optional(),
    /** `org.opencontainers.image.created`: now (as `oras push`), left out, or pinned (RFC 3339). */
    created: createdOption,
    /** Attach as a referrer of this artifact (manifest `subject`) in the same repository. */
    subject: digestString.optional(),
    /** Docker volume: `application/vnd.docker.volume.v1+tar.gz` as artifactType (default) or as config media type. */
    volumeForm: z.enum(['artifact-type', 'config']).optional(),
  })
  .strict();

export type PublishOptions = z.output<typeof PublishOptionsSchema>;

export interface PublishLayerPreview {
  name: string;
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface PublishPreview {
  /** The repository the manifest goes to (a Helm chart's has the chart name appended). */
  repository: string;
  tags: string[];
  /** The exact manifest bytes that `publish.start` pushes (with `created: now`, the time at start replaces the preview's). */
  manifest: string;
  digest: string;
  size: number;
  mediaType: string;
  config: PublishLayerPreview;
  layers: PublishLayerPreview[];
  /** Why this cannot be published as it stands (a bad version, a kind that needs a file…); `publish.start` refuses while any. */
  problems: string[];
}

export const publishCalls = {
  /** Electron: the native file or folder picker; the chosen paths become sources. Web mode refuses (the page has its own pickers). */
  'publish.pick': {
    input: z.object({ mode: z.enum(['files', 'folder']) }).strict(),
    output: phantom<PublishSource[]>(),
  },
  'publish.open': {
    input: z
      .object({
        sources: z
          .array(
            z.discriminatedUnion('type', [
              z.object({ type: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
              z.object({ type: z.literal('staged'), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an upload id') }).strict(),
            ]),
          )
          .max(10_000),
        target: z
          .object({ registryId, repository: repositoryName.optional(), subject: digestString.optional() })
          .strict()
          .optional(),
      })
      .strict(),
    output: phantom<PublishDraft>(),
  },
  'publish.preview': { input: PublishOptionsSchema, output: phantom<PublishPreview>() },
  'publish.start': { input: PublishOptionsSchema, output: phantom<{ transferId: string }>() },
  'publish.discard': { input: z.object({ draftId }).strict(), output: phantom<null>() },
} as const;

export const publishEvents = {} as const;
