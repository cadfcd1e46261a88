/**
 * The one check every name from a registry goes through before it becomes a path: file titles,
 * tar entry names and hardlink targets. It refuses rather than repairs (node-tar strips a leading
 * `/` and carries on; a download that silently lands somewhere else is worse than a refusal).
 */
export type EntryPlatform = 'posix' | 'win32';

export const MAX_SEGMENT_BYTES = 255;
export const MAX_PATH_BYTES = 4095;
export const DEFAULT_MAX_DEPTH = 256;

export class UnsafeName extends Error {
  override readonly name = 'UnsafeName';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;
const DRIVE = /^[A-Za-z]:/;

/** A name shown in a message: control characters made visible, long names shortened. */
export function shown(raw: string): string {
  const visible = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > 120 ? `${visible.slice(0, 117)}…` : visible;
}

/**
 * Splits a relative name into its segments, or throws UnsafeName saying why it cannot be used.
 * `./` and repeated slashes inside the name are harmless and dropped; a trailing `/` marks a folder.
 */
export function entrySegments(raw: string, options: { platform?: EntryPlatform; maxDepth?: number } = {}): string[] {
  const platform = options.platform ?? (process.platform === 'win32' ? 'win32' : 'posix');
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const refuse = (why: string): never => {
    throw new UnsafeName(`"${shown(raw)}" ${why}`);
  };
  if (raw.length === 0) refuse('is empty');
  if (raw.includes('\0')) refuse('contains a NUL byte');
  if (Buffer.byteLength(raw) > MAX_PATH_BYTES) refuse(`is longer than ${MAX_PATH_BYTES} bytes`);
  if (raw.startsWith('/')) refuse('is an absolute path');
  if (raw.startsWith('\\\\') || raw.startsWith('//')) refuse('is a UNC or network path');
  if (raw.startsWith('\\')) refuse('is an absolute Windows path');
  if (DRIVE.test(raw)) refuse('starts with a drive letter');
  // On Windows a backslash separates folders; elsewhere it is an ordinary character, but one that
  // turns into a separator the moment the folder is copied to Windows, so `..\` is refused too.
  const windowsSegments = raw.split(/[\\/]/);
  if (windowsSegments.includes('..')) refuse('goes up a folder ("..")');
  const segments = (platform === 'win32' ? windowsSegments : raw.split('/')).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) refuse('names no file');
  if (segments.length > maxDepth) refuse(`is nested ${segments.length} folders deep, more than the ${maxDepth} allowed`);
  for (const segment of segments) {
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) refuse(`has a part longer than ${MAX_SEGMENT_BYTES} bytes, which no common file system holds`);
    if (platform === 'win32') {
      if (WINDOWS_FORBIDDEN.test(segment)) refuse('contains a character Windows does not allow in names');
      if (WINDOWS_RESERVED.test(segment)) refuse(`uses "${segment}", a device name on Windows`);
      if (/[. ]$/.test(segment)) refuse('has a part ending in a dot or space, which Windows drops');
    }
  }
  return segments;
}

/** Whether a relative name has an unsafe form, without throwing. */
export function unsafeReason(raw: string, options: { platform?: EntryPlatform; maxDepth?: number } = {}): string | undefined {
  try {
    entrySegments(raw, options);
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeName) return error.message;
    throw error;
  }
}
