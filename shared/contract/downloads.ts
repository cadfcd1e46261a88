import { z } from 'zod';
import { phantom } from './phantom';
import { registryId } from './registries';
import { digestString, repositoryName, tagName } from './names';

/**
 * Downloading: an artifact to a local folder, by kind, every blob verified, nothing written
 * outside the folder. Runs as a `download` transfer in the queue.
 */
export const downloadModes = ['files', 'helm-tgz', 'helm-untar', 'oci-layout', 'rootfs', 'blobs'] as const;
export type DownloadMode = (typeof downloadModes)[number];

export type ConflictAnswer = 'replace' | 'keep-both' | 'skip';

export interface DownloadModeChoice {
  mode: DownloadMode;
  /** e.g. "Chart archive (as helm pull)". */
  label: string;
  /** What lands in the folder. */
  description: string;
}

export interface DownloadChoices {
  /** The artifact's manifest digest (what is verified). */
  digest: string;
  modes: DownloadModeChoice[];
  /** The mode offered first for this kind. */
  defaultMode: DownloadMode;
  /** Images: the platforms one can choose, for `oci-layout` and `rootfs`. */
  platforms: Array<{ os: string; architecture: string; variant?: string; digest: string }>;
  /** Files / ORAS artifacts: files that can be downloaded on their own (by title). */
  files: Array<{ name: string; size: number; digest: string }>;
  /** The last folder used, else the user's Downloads folder. */
  suggestedFolder: string;
  /** For the folder field's list: the last folder used and the user's Downloads folder. */
  suggestions: string[];
}

export interface FolderCheck {
  path: string;
  exists: boolean;
  /** Exists and this process can create files in it. */
  writable: boolean;
  /** Set when the path cannot be used (not absolute, not a folder, not writable…). */
  problem?: string;
}

/** A file in the folder already: the transfer waits for `downloads.answer`. */
export interface ConflictQuestion {
  transferId: string;
  /** Relative to the chosen folder. */
  path: string;
}

const reference = z.union([tagName, digestString]);
const folderPath = z.string().min(1).max(4096);
const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a transfer id');

export const downloadCalls = {
  'downloads.choices': {
    input: z.object({ registryId, repository: repositoryName, reference }).strict(),
    output: phantom<DownloadChoices>(),
  },
  /** Web mode's folder field: does it exist, can we write there. */
  'downloads.checkFolder': { input: z.object({ path: folderPath }).strict(), output: phantom<FolderCheck>() },
  'downloads.createFolder': { input: z.object({ path: folderPath }).strict(), output: phantom<FolderCheck>() },
  /** Electron: the native folder picker; null when the user cancels. Web mode refuses. */
  'downloads.pickFolder': { input: z.object({}).strict(), output: phantom<string | null>() },
  'downloads.start': {
    input: z
      .object({
        registryId,
        repository: repositoryName,
        reference,
        mode: z.enum(downloadModes),
        folder: folderPath,
        /** Images: the platform manifest to use (default: this machine's, else the first). */
        platform: digestString.optional(),
        /** Only this file (by its title). */
        file: z.string().min(1).max(255).optional(),
        /** Files already in the folder: ask (default) or one answer for all. */
        conflicts: z.enum(['ask', 'replace', 'keep-both', 'skip']).optional(),
      })
      .strict(),
    output: phantom<{ transferId: string }>(),
  },
  /** Answers a conflict question; `remember` applies it to the rest of the transfer. */
  'downloads.answer': {
    input: z.object({ transferId, answer: z.enum(['replace', 'keep-both', 'skip']), remember: z.boolean() }).strict(),
    output: phantom<null>(),
  },
  /** Opens a finished download's folder in the file manager. */
  'downloads.openFolder': { input: z.object({ transferId }).strict(), output: phantom<null>() },
  /**
   * Electron: starts an OS drag of what a finished download placed in its folder (the top-level
   * files and folders), for the desktop or a file manager. Web mode refuses: a browser cannot.
   */
  'downloads.dragOut': { input: z.object({ transferId }).strict(), output: phantom<null>() },
} as const;

export const downloadEvents = {
  'downloads.question': phantom<ConflictQuestion>(),
} as const;
