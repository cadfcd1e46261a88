import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import {
  freePort,
  makeTempDir,
  randomSecret,
  removeTempDir,
  runCommand,
  startProcess,
  waitUntil,
  type ManagedProcess,
} from './processes';
import { startTokenServer, type TestTokenServer } from './token-server';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export interface RegistryOptions {
  auth?: RegistryAuth;
  /** username → password; default `{ alice: <random> }` when auth is on. */
  users?: Record<string, string>;
  /** Token lifetime in token mode. */
  tokenTtlSeconds?: number;
  /** Token mode: actions an anonymous caller gets (default `['pull']`). */
  anonymousActions?: string[];
  /** Whether manifest deletes are switched on (default true, as Stevedore's delete tests need). */
  deletes?: boolean;
}

export interface TestRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  /** Temp dir holding the config, htpasswd file and storage (`rootDir/data`). */
  rootDir: string;
  auth: RegistryAuth;
  users: Record<string, string>;
  tokenServer?: TestTokenServer;
  stop(): Promise<void>;
}

export const REGISTRY_BINARY = '/usr/bin/docker-registry';
const READY_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

const started = new Set<TestRegistry>();

/**
 * Runs Debian's CNCF Distribution 2.8 with its own config (never the packaged one, which turns
 * on htpasswd) on a free loopback port, and resolves once GET /v2/ answers.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const auth = options.auth ?? 'none';
  const users = auth === 'none' ? {} : { ...(options.users ?? { alice: randomSecret() }) };
  const rootDir = await makeTempDir('registry');
  let tokenServer: TestTokenServer | undefined;
  try {
    let authConfig = '';
    if (auth === 'htpasswd') {
      const htpasswdPath = join(rootDir, 'htpasswd');
      await writeFile(htpasswdPath, await htpasswdLines(users), { mode: 0o600 });
      authConfig = `auth:\n  htpasswd:\n    realm: stevedore-test\n    path: ${yamlString(htpasswdPath)}\n`;
    } else if (auth === 'token') {
      tokenServer = await startTokenServer({
        users,
        ...(options.tokenTtlSeconds !== undefined ? { ttlSeconds: options.tokenTtlSeconds } : {}),
        ...(options.anonymousActions !== undefined ? { anonymousActions: options.anonymousActions } : {}),
      });
      authConfig = [
        'auth:',
        '  token:',
        `    realm: ${yamlString(tokenServer.realm)}`,
        `    service: ${yamlString(tokenServer.service)}`,
        `    issuer: ${yamlString(tokenServer.issuer)}`,
        `    rootcertbundle: ${yamlString(tokenServer.certPath)}`,
        '',
      ].join('\n');
    }
    await mkdir(join(rootDir, 'data'));

    let lastError: Error | undefined;
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
      const port = await freePort();
      const configPath = join(rootDir, 'config.yml');
      await writeFile(configPath, registryConfig(rootDir, port, authConfig, options.deletes ?? true), { mode: 0o600 });
      const proc = startProcess('docker-registry', REGISTRY_BINARY, ['serve', configPath], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: rootDir },
      });
      try {
        await waitForV2(proc, port);
      } catch (error) {
        await proc.stop();
        lastError = error as Error;
        if (/address already in use/i.test(proc.output())) continue;
        throw error;
      }
      const registry: TestRegistry = {
        url: `http://127.0.0.1:${port}`,
        host: `127.0.0.1:${port}`,
        port,
        rootDir,
        auth,
        users,
        ...(tokenServer ? { tokenServer } : {}),
        async stop() {
          started.delete(registry);
          await proc.stop();
          await tokenServer?.stop();
          await removeTempDir(rootDir);
        },
      };
      started.add(registry);
      return registry;
    }
    throw lastError ?? new Error('docker-registry did not start.');
  } catch (error) {
    await tokenServer?.stop();
    await removeTempDir(rootDir);
    throw error;
  }
}

/** Stops every registry this process started and has not stopped yet (use in afterAll). */
export async function stopAllRegistries(): Promise<void> {
  await Promise.all([...started].map((registry) => registry.stop()));
}

function registryConfig(rootDir: string, port: number, authConfig: string, deletes: boolean): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${yamlString(join(rootDir, 'data'))}`,
    '  delete:',
    `    enabled: ${deletes}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomSecret(24)}`,
    authConfig,
  ].join('\n');
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

async function htpasswdLines(users: Record<string, string>): Promise<string> {
  const lines: string[] = [];
  for (const [username, password] of Object.entries(users)) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) throw new Error(`Test user name ${JSON.stringify(username)} is not allowed.`);
    // -i reads the password from stdin, so it never appears in argv.
    const { stdout } = await runCommand('htpasswd', ['-niB', username], { input: password });
    lines.push(stdout.trim());
  }
  return `${lines.join('\n')}\n`;
}

async function waitForV2(proc: ManagedProcess, port: number): Promise<void> {
  await waitUntil(() => answersV2(port), {
    timeoutMs: READY_TIMEOUT_MS,
    giveUp: () => proc.exited(),
    describeFailure: () =>
      `docker-registry on 127.0.0.1:${port} did not answer GET /v2/ ${proc.exited() ? '(it exited)' : `within ${READY_TIMEOUT_MS} ms`}. Its output:\n${proc.output()}`,
  });
}

function answersV2(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 || res.statusCode === 401);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
