import { randomUUID } from 'node:crypto';
import type { RegistriesStore } from '../../registries/registries-store';
import { parseRegistryAddress } from '../../registries/registry-url';
import { kindForHost, registryPresets } from '../../../shared/registries/registry-presets';
import type { SavedRegistry } from '../../registries/saved-registry';
import type { CredentialsService } from '../credentials-service';
import { readChosenLogins, type ScanOptions } from './scan-logins';

export interface ImportOutcome {
  imported: Array<{ registryId: string; host: string; username: string }>;
  problems: string[];
}

/**
 * Imports the chosen logins: reads each secret again here in the main process, keeps it in the
 * SecretStore, and adds the registry to the list when it is not there yet. Returns no secret.
 */
export async function importLogins(
  ids: readonly string[],
  deps: { registries: Pick<RegistriesStore, 'list' | 'add'>; credentials: Pick<CredentialsService, 'store'> },
  options: ScanOptions = {},
): Promise<ImportOutcome> {
  const { logins, problems } = await readChosenLogins(ids, options);
  const imported: ImportOutcome['imported'] = [];
  for (const login of logins) {
    try {
      const registry = deps.registries.list().find((r) => r.host === login.host) ?? (await deps.registries.add(newRegistry(login.host)));
      await deps.credentials.store(registry.id, { username: login.username, secret: login.secret, secretKind: login.secretKind });
      imported.push({ registryId: registry.id, host: login.host, username: login.username });
    } catch (error) {
      problems.push(`${login.username} at ${login.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { imported, problems };
}

function newRegistry(host: string): SavedRegistry {
  const address = parseRegistryAddress(host);
  const kind = kindForHost(address.host);
  const preset = registryPresets[kind];
  return {
    id: randomUUID(),
    name: preset.host ? preset.label : address.host,
    url: address.url,
    host: address.host,
    kind,
    insecure: address.insecure,
    accounts: [],
    pinnedRepositories: [],
    useDockerCredentials: false,
  };
}
