import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';

const MAX_FILE_BYTES = 1024 * 1024;

const AuthEntry = z.looseObject({
  auth: z.string().max(64 * 1024).optional(),
  identitytoken: z.string().max(64 * 1024).optional(),
  username: z.string().max(1024).optional(),
  password: z.string().max(64 * 1024).optional(),
});

/** Docker's config.json, Podman's auth.json and Helm's registry config share this shape. */
const AuthFile = z.looseObject({
  auths: z.record(z.string().max(2048), AuthEntry).optional(),
  credsStore: z.string().max(64).optional(),
  credHelpers: z.record(z.string().max(2048), z.string().max(64)).optional(),
});
export type AuthFile = z.infer<typeof AuthFile>;
export type AuthEntry = z.infer<typeof AuthEntry>;

/** A login written in the file itself (not through a helper). Undefined when the entry holds none. */
export interface InlineLogin {
  username: string;
  secret: string;
  secretKind: 'password' | 'identity-token';
}

/** Reads and validates an auth file; undefined when it does not exist. Throws a plain sentence otherwise. */
export async function readAuthFile(path: string): Promise<AuthFile | undefined> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${path} is not a file.`);
    if (info.size > MAX_FILE_BYTES) throw new Error(`${path} is larger than 1 MiB; not read.`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof Error && !('code' in error)) throw error;
    throw new Error(`${path} could not be read (${(error as NodeJS.ErrnoException).code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON.`);
  }
  const parsed = AuthFile.safeParse(json);
  if (!parsed.success) throw new Error(`${path} does not have the expected shape (auths, credsStore, credHelpers).`);
  return parsed.data;
}

/** `auth` is base64 of `user:password`; `identitytoken` replaces the password with an OAuth refresh token. */
export function inlineLogin(entry: AuthEntry): InlineLogin | undefined {
  let username = entry.username ?? '';
  let password = entry.password ?? '';
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (entry.identitytoken) return { username: username || '<token>', secret: entry.identitytoken, secretKind: 'identity-token' };
  if (username && password) return { username, secret: password, secretKind: 'password' };
  return undefined;
}
