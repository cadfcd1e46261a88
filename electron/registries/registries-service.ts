import { randomUUID } from 'node:crypto';
import { ContractError, type EventSink, type Handlers, type RegistryStatus, type RegistryView } from '../../shared/contract';
import { pingRegistry } from '../oci/ping';
import { parseRegistryAddress } from './registry-url';
import { statusFromPing } from './registry-status';

type RegistryHandlers = Pick<Handlers, 'registries.list' | 'registries.add' | 'registries.remove' | 'registries.ping'>;

const MAX_REGISTRIES = 500;

/** The user's registries. Kept in memory for now; persistence arrives with logins (issue 4). */
export function createRegistriesService(events: EventSink): RegistryHandlers {
  const registries = new Map<string, RegistryView>();
  const changed = () => events.emit('registries.changed', [...registries.values()]);

  const ping = async (id: string, signal: AbortSignal): Promise<RegistryStatus> => {
    const registry = registries.get(id);
    if (!registry) throw new ContractError('not-found', 'That registry is no longer in the list.');
    registry.status = { state: 'checking' };
    changed();
    const status = statusFromPing(await pingRegistry(registry.url, { signal }), registry.host);
    const current = registries.get(id);
    if (current) {
      current.status = status;
      changed();
    }
    return status;
  };

  return {
    'registries.list': async () => [...registries.values()],
    'registries.add': async (args, ctx) => {
      const address = parseRegistryAddress(args.url, args.insecure ?? false);
      if ([...registries.values()].some((r) => r.url === address.url)) {
        throw new ContractError('invalid-input', `${address.host} is already in the list.`);
      }
      if (registries.size >= MAX_REGISTRIES) throw new ContractError('invalid-input', `At most ${MAX_REGISTRIES} registries.`);
      const view: RegistryView = {
        id: randomUUID(),
        name: args.name || address.host,
        url: address.url,
        host: address.host,
        kind: args.kind ?? 'generic',
        insecure: address.insecure,
        accounts: [],
        pinnedRepositories: [],
        useDockerCredentials: false,
        status: { state: 'unknown' },
      };
      registries.set(view.id, view);
      changed();
      view.status = await ping(view.id, ctx.signal);
      return { ...view };
    },
    'registries.remove': async (args) => {
      if (!registries.delete(args.id)) throw new ContractError('not-found', 'That registry is no longer in the list.');
      changed();
      return null;
    },
    'registries.ping': async (args, ctx) => ping(args.id, ctx.signal),
  };
}
