import { z } from 'zod';
import { phantom } from './phantom';
import { registryId, type RegistryView } from './registries';

export type KeychainStatus = { available: true; backend: string } | { available: false; reason: string };

export interface LoginsStatus {
  /** Where logins are kept: the OS keychain, or (when unavailable, with the reason) memory until quit. */
  keychain: KeychainStatus;
  /** Set when the saved registries file could not be read and was kept aside: say so to the user. */
  registriesFileProblem?: string;
}

/** A login another tool (Docker, Podman, Helm) has, as the import dialog lists it: no secret. */
export interface ImportCandidate {
  id: string;
  source: 'docker' | 'podman' | 'helm';
  file: string;
  via: { kind: 'file' } | { kind: 'helper'; helper: string };
  serverKey: string;
  host: string;
  username: string;
  secretKind: 'password' | 'identity-token';
}

const username = z.string().trim().min(1, 'enter the user name').max(256);

export const LoginInput = z
  .object({
    id: registryId,
    username,
    /** Crosses to the main process once; never sent back. */
    secret: z.string().min(1, 'enter the password or token').max(64 * 1024),
    secretKind: z.enum(['password', 'identity-token']).optional(),
  })
  .strict();

export const AccountRef = z.object({ id: registryId, username }).strict();

export const loginCalls = {
  'logins.status': { input: z.object({}).strict(), output: phantom<LoginsStatus>() },
  'logins.login': { input: LoginInput, output: phantom<RegistryView>() },
  'logins.switch': { input: AccountRef, output: phantom<RegistryView>() },
  'logins.logout': { input: AccountRef, output: phantom<RegistryView>() },
  'logins.scanImports': {
    input: z.object({}).strict(),
    output: phantom<{ found: ImportCandidate[]; problems: string[] }>(),
  },
  'logins.import': {
    input: z.object({ ids: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1).max(200) }).strict(),
    output: phantom<{ imported: Array<{ registryId: string; host: string; username: string }>; problems: string[] }>(),
  },
} as const;

export const loginEvents = {} as const;
