import { randomUUID } from 'node:crypto';
import { ContractError, type Handlers, type RegistryStatus } from '../../shared/contract';
import { DOCKER_HUB_HOST, isDockerHubHost, kindForHost, registryKinds, registryPresets } from '../../shared/registries/registry-presets';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import { readCa } from '../credentials/ca-file';
import { checkRegistry } from './check-registry';
import type { RegistryViews } from './registry-views';
import { parseRegistryAddress } from './registry-url';
import type { SavedRegistry } from './saved-registry';

type RegistryHandlers = Pick<
  Handlers,
  'registries.list' | 'registries.presets' | 'registries.add' | 'registries.update' | 'registries.remove' | 'registries.ping'
>;

export interface RegistriesServiceDeps {
  backend: Pick<LoginsBackend, 'registries' | 'credentials'>;
  views: RegistryViews;
}

/**
 * Pings a registry, showing "checking" meanwhile; a newer ping of the same registry wins over an older one.
 * `announce` sends the change (default: a `registries.changed` event at once; background checks pass a debounced one).
 */
export type PingRegistry = (id: string, signal?: AbortSignal, announce?: () => Promise<void>) => Promise<RegistryStatus>;

export function createPinger({ backend, views }: RegistriesServiceDeps): PingRegistry {
  const latest = new Map<string, number>();
  let sequence = 0;
  return async (id, signal, announce = views.changed) => {
    const saved = backend.registries.get(id);
    if (!saved) throw new ContractError('not-found', 'That registry is no longer in the list.');
    const mine = ++sequence;
    latest.set(id, mine);
    views.setStatus(id, { state: 'checking' });
    await announce();
    let status: RegistryStatus;
    try {
      status = await checkRegistry(saved, { credentialFor: backend.credentials.credentialFor }, signal);
    } catch (error) {
      if (latest.get(id) === mine) views.setStatus(id, { state: 'unknown', reason: 'The check was cancelled.' });
      await announce();
      throw error;
    }
    if (latest.get(id) === mine && backend.registries.get(id)) {
      views.setStatus(id, status);
      await announce();
    }
    return status;
  };
}

/** The user's saved registries, persisted in the data folder through the registries store. */
export function createRegistriesService(deps: RegistriesServiceDeps, ping: PingRegistry): RegistryHandlers {
  const { backend, views } = deps;
  const presets = registryKinds.map((kind) => registryPresets[kind]).filter((preset) => !preset.builtIn && !preset.readOnly);

  return {
    'registries.list': async () => views.all(),
    'registries.presets': async () => presets,

    'registries.add': async (args, ctx) => {
      const address = parseRegistryAddress(args.url, args.insecure ?? false);
      const host = isDockerHubHost(address.host) ? DOCKER_HUB_HOST : address.host;
      const url = host === address.host ? address.url : `https://${host}`;
      const kind = args.kind ?? kindForHost(host);
      const preset = registryPresets[kind];
      if (preset.builtIn) throw new ContractError('invalid-input', `${preset.label} is built in: there is one already, and it cannot be added.`);
      if (preset.readOnly) throw new ContractError('invalid-input', `An ${preset.label} is added with "Open OCI layout or archive…", by its path.`);
      if (args.caCertPath) await readCa(args.caCertPath);
      const saved: SavedRegistry = {
        id: randomUUID(),
        name: args.name || (preset.host === host ? preset.label : host),
        url,
        host,
        kind,
        insecure: address.insecure,
        ...(args.caCertPath ? { caCertPath: args.caCertPath } : {}),
        accounts: [],
        pinnedRepositories: [],
        useDockerCredentials: false,
      };
      await backend.registries.add(saved);
      await views.changed();
      await ping(saved.id, ctx.signal);
      return views.one(saved.id);
    },

    'registries.update': async (args, ctx) => {
      const current = backend.registries.get(args.id);
      if (!current) throw new ContractError('not-found', 'That registry is no longer in the list.');
      if (args.caCertPath) await readCa(args.caCertPath);
      const insecure = args.insecure ?? current.insecure;
      // Turning "insecure" off must not leave a plain-HTTP address to a remote host.
      if (args.insecure === false) parseRegistryAddress(current.url, false);
      await backend.registries.update(args.id, (r) => {
        const next: SavedRegistry = { ...r, insecure };
        if (args.name !== undefined) next.name = args.name;
        if (args.useDockerCredentials !== undefined) next.useDockerCredentials = args.useDockerCredentials;
        if (args.caCertPath === null) delete next.caCertPath;
        else if (args.caCertPath !== undefined) next.caCertPath = args.caCertPath;
        return next;
      });
      await ping(args.id, ctx.signal);
      return views.one(args.id);
    },

    'registries.remove': async (args) => {
      await backend.credentials.removeRegistry(args.id);
      views.forget(args.id);
      await views.changed();
      return null;
    },

    'registries.ping': async (args, ctx) => ping(args.id, ctx.signal),
  };
}
