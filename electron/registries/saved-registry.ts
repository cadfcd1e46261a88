import { z } from 'zod';
import { isAbsolute } from 'node:path';
import { isOpenedLayoutKind, registryKinds } from '../../shared/registries/registry-presets';

export const REGISTRIES_FILE_VERSION = 1;
const MAX_REGISTRIES = 500;
const MAX_ACCOUNTS = 50;
const MAX_PINNED = 1000;

/**
 * One account of a registry. Only the name: the secret lives in the keychain (or in memory),
 * filed under the registry's host and this user name.
 */
export const SavedAccount = z.strictObject({
  username: z.string().min(1).max(256),
  active: z.boolean(),
  /** Docker's `<token>` convention: an OAuth identity (refresh) token rather than a password. */
  secretKind: z.enum(['password', 'identity-token']).default('password'),
});
export type SavedAccount = z.infer<typeof SavedAccount>;

/**
 * A saved registry. Strict: a field this version does not know (a `password`, say) makes the
 * file invalid rather than being carried along silently.
 */
export const SavedRegistry = z.strictObject({
  id: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(100),
  url: z.string().min(1).max(8192),
  host: z.string().min(1).max(4096),
  kind: z.enum(registryKinds),
  insecure: z.boolean().default(false),
  caCertPath: z.string().min(1).max(4096).optional(),
  accounts: z.array(SavedAccount).max(MAX_ACCOUNTS).default([]),
  pinnedRepositories: z.array(z.string().min(1).max(512)).max(MAX_PINNED).default([]),
  /** Read this registry's login live from Docker's credential store instead of the app's own. */
  useDockerCredentials: z.boolean().default(false),
}).superRefine((saved, ctx) => {
  // A layout opened from disk is addressed by its absolute path (host) and that path's file: URL.
  const onDisk = isOpenedLayoutKind(saved.kind);
  if (onDisk ? !/^file:\/\/\/\S+$/.test(saved.url) : !/^https?:\/\/[^/\s@]+$/.test(saved.url) || saved.url.length > 2048) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: onDisk ? 'an opened layout\'s URL is the file: URL of its path' : 'a registry URL is scheme://host[:port], without userinfo or path' });
  }
  if (onDisk ? !isAbsolute(saved.host) : !/^[^/\s@]+$/.test(saved.host) || saved.host.length > 255) {
    ctx.addIssue({ code: 'custom', path: ['host'], message: onDisk ? 'an opened layout\'s host is its absolute path' : 'a registry host has no slash, space or @' });
  }
});
export type SavedRegistry = z.infer<typeof SavedRegistry>;

export const RegistriesFile = z.strictObject({
  version: z.literal(REGISTRIES_FILE_VERSION),
  registries: z.array(SavedRegistry).max(MAX_REGISTRIES),
});
export type RegistriesFile = z.infer<typeof RegistriesFile>;

/** At most one active account, and at least one if there are any. */
export function withOneActive(accounts: SavedAccount[], preferred?: string): SavedAccount[] {
  if (accounts.length === 0) return accounts;
  const chosen = preferred ?? accounts.find((a) => a.active)?.username ?? accounts[0]!.username;
  return accounts.map((a) => ({ ...a, active: a.username === chosen }));
}
