import { z } from 'zod';
import { phantom } from './phantom';

export type RegistryState = 'unknown' | 'checking' | 'connected' | 'login-needed' | 'unreachable' | 'tls-error' | 'error';

export interface RegistryStatus {
  state: RegistryState;
  /** Why, in words a user can act on; shown on hover. */
  reason?: string;
  /** ISO time of the last check. */
  checkedAt?: string;
}

/** What the renderer may know of a registry: never a secret. */
export interface RegistryView {
  id: string;
  name: string;
  /** Normalised base URL, without userinfo, e.g. `http://127.0.0.1:5000`. */
  url: string;
  host: string;
  insecure: boolean;
  status: RegistryStatus;
}

const registryId = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'a registry id is lowercase letters, digits and dashes');

export const AddRegistryInput = z
  .object({
    url: z.string().trim().min(1, 'enter the registry address, e.g. ghcr.io or 127.0.0.1:5000').max(2048),
    name: z.string().trim().max(100).optional(),
    insecure: z.boolean().optional(),
  })
  .strict();
export type AddRegistryInput = z.infer<typeof AddRegistryInput>;

export const RegistryRef = z.object({ id: registryId }).strict();

export const registryCalls = {
  'registries.list': { input: z.object({}).strict(), output: phantom<RegistryView[]>() },
  'registries.add': { input: AddRegistryInput, output: phantom<RegistryView>() },
  'registries.remove': { input: RegistryRef, output: phantom<null>() },
  'registries.ping': { input: RegistryRef, output: phantom<RegistryStatus>() },
} as const;

export const registryEvents = {
  'registries.changed': phantom<RegistryView[]>(),
} as const;
