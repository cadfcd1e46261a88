import type { DroppedPath } from '../app/dropped-paths';

/**
 * A staged file's sha256, computed by the host from the bytes it wrote, with what lstat said right
 * after: trusted only while the file still matches all of it (any write since changes ctime).
 */
export interface ReceivedFile {
  path: string;
  digest: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A file or folder the browser uploaded to the web host's staging area. */
export interface StagedEntry {
  id: string;
  name: string;
  type: 'file' | 'directory';
  /** Where it is on this machine; never sent to the browser. */
  path: string;
  /** Its files' digests as they arrived, so publishing does not read them again to hash them. */
  received?: readonly ReceivedFile[];
}

/**
 * What only a host can do, handed to the services. Electron: dropped paths, native pickers, OS
 * notifications, the file manager. Web mode: the staging area of uploads. A missing member means
 * the host cannot do it, and the calls that need it say so.
 */
export interface HostIntegration {
  /** Electron: paths of a drop the preload reported just now (each usable once), looked at again on disk. */
  takeDropped?(paths: readonly string[]): Promise<DroppedPath[]>;
  /** Electron: the native open dialog; the chosen paths (none when cancelled). */
  pickPaths?(mode: 'files' | 'folder'): Promise<string[]>;
  /** Electron: the native folder dialog for a download's destination. */
  pickFolder?(): Promise<string | null>;
  /** Electron: the native open dialog for an OCI layout folder or an oci-archive `.tar` to open read-only; null when cancelled. */
  pickLayout?(what: 'folder' | 'archive'): Promise<string | null>;
  /** Electron: where an export goes: the save dialog for an archive, the folder dialog for a layout folder. */
  pickExportTarget?(format: 'folder' | 'archive', suggested?: string): Promise<string | null>;
  /** Web mode: a staged upload by the id the upload answered with. */
  staged?(id: string): StagedEntry | undefined;
  /** Electron: an OS notification (web mode shows its own, in the page). */
  notify?(title: string, body: string): void;
  /** Opens a folder in the file manager. */
  openFolder?(path: string): Promise<void>;
  /**
   * Electron: an OS drag of these files/folders out of the main window; only paths that exist
   * and lie inside `folder` are dragged. Web mode has none: a browser cannot drag local files out.
   */
  startDrag?(paths: readonly string[], folder: string): void;
}
