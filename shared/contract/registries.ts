import { z } from 'zod';
import { registryKinds, type RegistryKind, type RegistryPreset } from '../registries/registry-presets';
import { phantom } from './phantom';

export type { RegistryKind, RegistryPreset };

export type RegistryState = 'unknown' | 'checking' | 'connected' | 'login-needed' | 'unreachable' | 'tls-error' | 'error';

export interface RegistryStatus {
  state: RegistryState;
  /** Why, in words a user can act on; shown on hover. */
  reason?: string;
  /** ISO time of the last check. */
  checkedAt?: string;
}

/** What the UI may know of an account: never the secret, only whether one is kept. */
export interface AccountView {
  username: string;
  active: boolean;
  secretKind: 'password' | 'identity-token';
  hasCredential: boolean;
}

/** What the renderer may know of a registry: never a secret. */
export interface RegistryView {
  id: string;
  name: string;
  /** Normalised base URL, without userinfo, e.g. `http://127.0.0.1:5000`. */
  url: string;
  host: string;
  kind: RegistryKind;
  insecure: boolean;
  caCertPath?: string;
  accounts: AccountView[];
  pinnedRepositories: string[];
  /** Logins are read live from Docker's credential store rather than kept by Stevedore. */
  useDockerCredentials: boolean;
  status: RegistryStatus;
}

export const registryId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'a registry id is lowercase letters, digits and dashes');

const caCertPath = z.string().trim().min(1).max(4096);

export const AddRegistryInput = z
  .object({
    url: z.string().trim().min(1, 'enter the registry address, e.g. ghcr.io or 127.0.0.1:5000').max(2048),
    name: z.string().trim().max(100).optional(),
    kind: z.enum(registryKinds).optional(),
    insecure: z.boolean().optional(),
    caCertPath: caCertPath.optional(),
  })
  .strict();
export type AddRegistryInput = z.infer<typeof AddRegistryInput>;

export const UpdateRegistryInput = z
  .object({
    id: registryId,
    name: z.string().trim().min(1).max(100).optional(),
    insecure: z.boolean().optional(),
    /** null removes the CA certificate. */
    caCertPath: caCertPath.nullable().optional(),
    useDockerCredentials: z.boolean().optional(),
  })
  .strict();

export const RegistryRef = z.object({ id: registryId }).strict();

export const registryCalls = {
  'registries.list': { input: z.object({}).strict(), output: phantom<RegistryView[]>() },
  'registries.presets': { input: z.object({}).strict(), output: phantom<RegistryPreset[]>() },
  'registries.add': { input: AddRegistryInput, output: phantom<RegistryView>() },
  'registries.update': { input: UpdateRegistryInput, output: phantom<RegistryView>() },
  'registries.remove': { input: RegistryRef, output: phantom<null>() },
  'registries.ping': { input: RegistryRef, output: phantom<RegistryStatus>() },
} as const;

export const registryEvents = {
  'registries.changed': phantom<RegistryView[]>(),
} as const;
