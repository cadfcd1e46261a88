import { localRegistry } from '../registries/local-registry';
import { openRegistriesStore, type RegistriesStore } from '../registries/registries-store';
import { createCredentialsService, type CredentialsService } from './credentials-service';
import { dockerLiveCredentials } from './import/docker-live-credentials';
import { importLogins, type ImportOutcome } from './import/import-logins';
import { scanLogins, type ScanResult } from './import/scan-logins';
import type { KeytarLoader } from './load-keytar';
import { openSecretStore } from './open-secret-store';
import type { KeychainStatus } from './secret-store';
import { verifyLogin } from './verify-login';

export interface LoginsBackend {
  registries: RegistriesStore;
  credentials: CredentialsService;
  /** Shown at the point of login: where secrets go, or why they are session-only. */
  keychain: KeychainStatus;
  scanImports(signal?: AbortSignal): Promise<ScanResult>;
  importChosen(ids: readonly string[], signal?: AbortSignal): Promise<ImportOutcome>;
}

/** Everything the main process needs for registries and logins, wired once at start-up. */
export async function createLoginsBackend(options: { dataDir: string; env?: NodeJS.ProcessEnv; keytarLoader?: KeytarLoader; localRegistry?: boolean }): Promise<LoginsBackend> {
  const env = options.env ?? process.env;
  const registries = await openRegistriesStore(options.dataDir, undefined, { builtIn: options.localRegistry ? [localRegistry(options.dataDir)] : [] });
  const { store, status } = await openSecretStore(options.keytarLoader ? { loader: options.keytarLoader } : {});
  const credentials = createCredentialsService({ registries, secrets: store, verify: verifyLogin, dockerCredential: dockerLiveCredentials({ env }) });
  return {
    registries,
    credentials,
    keychain: status,
    scanImports: (signal) => scanLogins({ env, ...(signal ? { signal } : {}) }),
    importChosen: (ids, signal) => importLogins(ids, { registries, credentials }, { env, ...(signal ? { signal } : {}) }),
  };
}
