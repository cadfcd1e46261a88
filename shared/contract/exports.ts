import { z } from 'zod';
import { phantom } from './phantom';
import { registryId } from './registries';
import { digestString, repositoryName, tagName } from './names';

/**
 * Export: an artifact (every platform of an index, optionally its referrers) or every tag of a
 * repository, copied into an OCI image layout folder or an `oci-archive` tarball (an uncompressed
 * tar of such a folder, as skopeo's `oci-archive:` writes it), keeping every digest. Each tag is
 * named in index.json by its bare tag (`org.opencontainers.image.ref.name: v1`), as skopeo's
 * `oci:<dir>:<tag>` writes it. Runs as an `export` transfer in the queue.
 */
export type ExportFormat = 'folder' | 'archive';

/** What an export to the path would do: make it, add to the layout there, or replace the archive there. */
export type ExportAction = 'create' | 'add' | 'replace';

export interface ExportTargetCheck {
  /** The absolute path looked at, normalised. */
  path: string;
  format: ExportFormat;
  /** Set when the path can take the export. */
  action?: ExportAction;
  /** `add`: the tags the layout holds already (they stay). */
  existingTags?: number;
  /** Why the path cannot be used, and what to do. */
  problem?: string;
}

export interface ExportStarted {
  transferId: string;
}

const exportPath = z.string().trim().min(1, 'enter the path of a folder or an archive file').max(4096);
const format = z.enum(['folder', 'archive']);
const reference = z.union([tagName, digestString]);

export const exportCalls = {
  /** A path on this machine for the export's folder or archive: the last folder used (else Downloads) and a name from the repository. */
  'exports.suggest': {
    input: z.object({ repository: repositoryName, reference: reference.optional(), format }).strict(),
    output: phantom<{ path: string }>(),
  },
  /** Looks at a path (web mode's path field, the desktop's picked path). Never changes anything. */
  'exports.check': { input: z.object({ path: exportPath, format }).strict(), output: phantom<ExportTargetCheck>() },
  /** Electron: the native save dialog (archive) or folder dialog (folder); null when cancelled. Web mode refuses. */
  'exports.pick': { input: z.object({ format, path: exportPath.optional() }).strict(), output: phantom<string | null>() },
  'exports.start': {
    input: z
      .object({
        /** `reference` omitted: every tag of the repository. */
        source: z.object({ registryId, repository: repositoryName, reference: reference.optional() }).strict(),
        target: z
          .object({
            format,
            path: exportPath,
            /** An archive file already at the path is replaced (only when the check said `replace`). */
            replace: z.boolean().optional(),
          })
          .strict(),
        /** Also export signatures, SBOMs and attestations that refer to it (as a copy does). */
        referrers: z.boolean(),
      })
      .strict(),
    output: phantom<ExportStarted>(),
  },
} as const;

export const exportEvents = {} as const;
