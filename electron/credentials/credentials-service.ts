import { ContractError } from '../../shared/contract';
import type { RegistriesStore } from '../registries/registries-store';
import { withOneActive, type SavedAccount, type SavedRegistry } from '../registries/saved-registry';
import { credentialHost } from './credential-host';
import type { CredentialFunction, RegistryCredential, VerifyLogin } from './credential';
import type { SecretStore } from './secret-store';

export type SecretKind = SavedAccount['secretKind'];

/** What the UI may know of an account: never the secret, only whether one is kept. */
export interface AccountView {
  username: string;
  active: boolean;
  secretKind: SecretKind;
  hasCredential: boolean;
}

export interface LoginInput {
  username: string;
  secret: string;
  secretKind?: SecretKind;
}

export interface CredentialsServiceDeps {
  registries: Pick<RegistriesStore, 'list' | 'get' | 'update' | 'remove'>;
  secrets: SecretStore;
  verify: VerifyLogin;
  /** Reads a login live from Docker's credential store, for registries set to use Docker's credentials. */
  dockerCredential?: CredentialFunction;
}

export interface CredentialsService {
  listAccounts(registryId: string): Promise<AccountView[]>;
  /** Verifies the login against the registry, then keeps the secret and makes the account active. */
  login(registryId: string, input: LoginInput, signal?: AbortSignal): Promise<AccountView[]>;
  /** Keeps an already-verified or imported secret without asking the registry. */
  store(registryId: string, input: LoginInput): Promise<AccountView[]>;
  switchAccount(registryId: string, username: string): Promise<AccountView[]>;
  logout(registryId: string, username: string): Promise<AccountView[]>;
  /** Removes the registry and every secret filed under its host that no other registry uses. */
  removeRegistry(registryId: string): Promise<void>;
  /** The OCI client's credential function. */
  credentialFor: CredentialFunction;
  /** Where secrets are kept now: the UI warns when this is `session`. */
  readonly storeKind: SecretStore['kind'];
}

const MAX_USERNAME = 256;
const MAX_SECRET = 64 * 1024;

export function createCredentialsService(deps: CredentialsServiceDeps): CredentialsService {
  const { registries, secrets, verify } = deps;

  const registry = (id: string): SavedRegistry => {
    const found = registries.get(id);
    if (!found) throw new ContractError('not-found', 'That registry is no longer in the list.');
    return found;
  };

  const views = async (saved: SavedRegistry): Promise<AccountView[]> => {
    const kept = new Set((await secrets.list()).filter((k) => k.host === saved.host).map((k) => k.username));
    return saved.accounts.map((a) => ({ username: a.username, active: a.active, secretKind: a.secretKind, hasCredential: kept.has(a.username) }));
  };

  const keep = async (registryId: string, input: LoginInput): Promise<AccountView[]> => {
    const saved = registry(registryId);
    const secretKind = input.secretKind ?? 'password';
    const existed = saved.accounts.some((a) => a.username === input.username);
    await secrets.set({ host: saved.host, username: input.username }, input.secret);
    try {
      const updated = await registries.update(registryId, (r) => {
        const others = r.accounts.filter((a) => a.username !== input.username);
        return { ...r, accounts: withOneActive([...others, { username: input.username, active: true, secretKind }], input.username) };
      });
      return views(updated);
    } catch (error) {
      if (!existed) await secrets.delete({ host: saved.host, username: input.username }).catch(() => false);
      throw error;
    }
  };

  const sharedHost = (saved: SavedRegistry) => registries.list().some((r) => r.id !== saved.id && r.host === saved.host);

  return {
    get storeKind() {
      return secrets.kind;
    },

    listAccounts: async (registryId) => views(registry(registryId)),

    async login(registryId, input, signal) {
      checkLogin(input);
      const saved = registry(registryId);
      const credential: RegistryCredential =
        input.secretKind === 'identity-token' ? { identityToken: input.secret } : { username: input.username, password: input.secret };
      await verify({ url: saved.url, insecure: saved.insecure, ...(saved.caCertPath ? { caCertPath: saved.caCertPath } : {}) }, credential, signal);
      return keep(registryId, input);
    },

    async store(registryId, input) {
      checkLogin(input);
      return keep(registryId, input);
    },

    async switchAccount(registryId, username) {
      const saved = registry(registryId);
      if (!saved.accounts.some((a) => a.username === username)) {
        throw new ContractError('not-found', `There is no account ${JSON.stringify(username.slice(0, 80))} for ${saved.name}.`);
      }
      return views(await registries.update(registryId, (r) => ({ ...r, accounts: withOneActive(r.accounts, username) })));
    },

    async logout(registryId, username) {
      const saved = registry(registryId);
      if (!saved.accounts.some((a) => a.username === username)) {
        throw new ContractError('not-found', `There is no account ${JSON.stringify(username.slice(0, 80))} for ${saved.name}.`);
      }
      if (!sharedHost(saved)) await secrets.delete({ host: saved.host, username });
      const updated = await registries.update(registryId, (r) => ({ ...r, accounts: withOneActive(r.accounts.filter((a) => a.username !== username)) }));
      return views(updated);
    },

    async removeRegistry(registryId) {
      const saved = registry(registryId);
      if (!sharedHost(saved)) {
        // Everything under this host, including items an earlier crash may have left behind.
        const usernames = new Set([...saved.accounts.map((a) => a.username), ...(await secrets.list()).filter((k) => k.host === saved.host).map((k) => k.username)]);
        for (const username of usernames) await secrets.delete({ host: saved.host, username });
      }
      await registries.remove(registryId);
    },

    async credentialFor(host) {
      const wanted = credentialHost(host);
      if (!wanted) return undefined;
      const saved = registries.list().find((r) => credentialHost(r.host) === wanted);
      if (!saved) return undefined;
      if (saved.useDockerCredentials) return deps.dockerCredential?.(saved.host);
      const active = saved.accounts.find((a) => a.active);
      if (!active) return undefined;
      const secret = await secrets.get({ host: saved.host, username: active.username });
      if (secret === undefined) return undefined;
      return active.secretKind === 'identity-token' ? { identityToken: secret } : { username: active.username, password: secret };
    },
  };
}

function checkLogin(input: LoginInput): void {
  if (!input.username || input.username.length > MAX_USERNAME || /[\s\u0000-\u001f]/.test(input.username)) {
    throw new ContractError('invalid-input', `A user name is 1 to ${MAX_USERNAME} characters without spaces or control characters.`);
  }
  if (!input.secret || input.secret.length > MAX_SECRET) {
    throw new ContractError('invalid-input', 'Enter the password or token (at most 64 KiB).');
  }
}
