import { z } from 'zod';
import { phantom } from './phantom';
import type { RegistryView } from './registries';

/**
 * Opening an existing OCI image layout folder or an oci-archive tarball (as skopeo, oras, buildkit
 * and `ctr export` write them) as a read-only registry in the sidebar. Saved in the registries file
 * (kind `oci-layout` / `oci-archive`, the path as its host), removed with `registries.remove`.
 */
export type LayoutKind = 'oci-layout' | 'oci-archive';

/** What a path holds, looked at before it is added: the form shows it, or the problem. */
export interface LayoutCheck {
  /** The absolute path looked at. */
  path: string;
  /** Set when the path is a layout folder or an archive Stevedore can open. */
  kind?: LayoutKind;
  /** The name it would get in the sidebar (the folder's or file's name). */
  suggestedName: string;
  /** Repositories and manifests its index.json names (when it can be opened). */
  repositories?: number;
  manifests?: number;
  /** Why it cannot be opened, and what to do. */
  problem?: string;
}

const layoutPath = z.string().trim().min(1, 'enter the path of a layout folder or an archive').max(4096);

export const importCalls = {
  /** Looks at a path on the host (web mode's path field; the desktop's picked path). Never changes anything. */
  'imports.check': { input: z.object({ path: layoutPath }).strict(), output: phantom<LayoutCheck>() },
  /** Electron: the native open dialog for a layout folder or an archive file; null when cancelled. */
  'imports.pick': { input: z.object({ what: z.enum(['folder', 'archive']) }).strict(), output: phantom<string | null>() },
  /** Adds the layout or archive at `path` as a read-only registry (refused when it cannot be opened, or is open already). */
  'imports.open': { input: z.object({ path: layoutPath, name: z.string().trim().min(1).max(100).optional() }).strict(), output: phantom<RegistryView>() },
} as const;

export const importEvents = {} as const;
