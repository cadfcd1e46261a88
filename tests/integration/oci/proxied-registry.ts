import { afterAll, beforeAll } from 'vitest';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

export const MiB = 1024 * 1024;

/** The app's own RegistryHttp, with short backoff so retry tests stay quick. */
export const quickClient = (baseUrl: string, maxAttempts = 5) =>
  new RegistryClient({ baseUrl, retry: { baseDelayMs: 20, maxRetryAfterMs: 2500, maxAttempts } });

export interface ProxiedRegistry {
  registry: TestRegistry;
  proxy: FaultProxy;
  /** A temp folder for the file's downloads and sources. */
  dir: string;
}

/**
 * For one test file: a real registry with the fault proxy in front and a temp folder, started
 * before its tests and stopped after.
 */
export function useProxiedRegistry(name: string): ProxiedRegistry {
  const env = {} as ProxiedRegistry;
  beforeAll(async () => {
    env.registry = await startRegistry();
    env.proxy = await startFaultProxy({ upstream: env.registry.url });
    env.dir = await makeTempDir(name);
  });
  afterAll(async () => {
    await env.proxy?.stop();
    await env.registry?.stop();
    if (env.dir) await removeTempDir(env.dir);
  });
  return env;
}
