import type { Handlers, LoginsStatus } from '../../shared/contract';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import type { PingRegistry } from '../registries/registries-service';
import type { RegistryViews } from '../registries/registry-views';
import type { Logger } from '../log/logger';

type LoginHandlers = Pick<Handlers, 'logins.status' | 'logins.login' | 'logins.switch' | 'logins.logout' | 'logins.scanImports' | 'logins.import'>;

export interface LoginsServiceDeps {
  backend: LoginsBackend;
  views: RegistryViews;
  ping: PingRegistry;
  log: Logger;
}

/**
 * Logins as the renderer sees them: it sends a secret once (logins.login) and only ever learns
 * whether an account has one. Each change re-checks the registry so its status says who is connected.
 */
export function createLoginsService({ backend, views, ping, log }: LoginsServiceDeps): LoginHandlers {
  const recheck = async (id: string, signal: AbortSignal) => {
    await ping(id, signal);
    return views.one(id);
  };

  return {
    'logins.status': async () => {
      const status: LoginsStatus = { keychain: backend.keychain };
      const problem = backend.registries.problem;
      if (problem) status.registriesFileProblem = problem.message;
      return status;
    },

    'logins.login': async (args, ctx) => {
      await backend.credentials.login(
        args.id,
        { username: args.username, secret: args.secret, ...(args.secretKind ? { secretKind: args.secretKind } : {}) },
        ctx.signal,
      );
      log.info(`logged in to a registry as ${args.username}`);
      return recheck(args.id, ctx.signal);
    },

    'logins.switch': async (args, ctx) => {
      await backend.credentials.switchAccount(args.id, args.username);
      return recheck(args.id, ctx.signal);
    },

    'logins.logout': async (args, ctx) => {
      await backend.credentials.logout(args.id, args.username);
      return recheck(args.id, ctx.signal);
    },

    'logins.scanImports': async (_args, ctx) => backend.scanImports(ctx.signal),

    'logins.import': async (args, ctx) => {
      const outcome = await backend.importChosen(args.ids, ctx.signal);
      await views.changed();
      // Checking each imported registry may take a while: statuses follow as events.
      for (const id of new Set(outcome.imported.map((i) => i.registryId))) {
        void ping(id).catch((error: unknown) => log.warn(`checking an imported registry failed: ${error instanceof Error ? error.message : String(error)}`));
      }
      return outcome;
    },
  };
}
