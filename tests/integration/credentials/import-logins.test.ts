import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsService, type CredentialsService } from '../../../electron/credentials/credentials-service';
import { dockerLiveCredentials } from '../../../electron/credentials/import/docker-live-credentials';
import { importLogins } from '../../../electron/credentials/import/import-logins';
import { scanLogins, type FoundLogin } from '../../../electron/credentials/import/scan-logins';
import { KEYCHAIN_SERVICE } from '../../../electron/credentials/keychain-secret-store';
import { openSecretStore } from '../../../electron/credentials/open-secret-store';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';
import { installHelperFixture, type HelperFixture } from '../../support/credential-helper-fixture';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { captureOutput, findSecrets } from './secret-sweep';

const secret = (name: string) => `${name}-${Math.random().toString(36).slice(2)}-secret`;
const s = {
  hub: secret('hub'),
  quayIdentity: secret('quay-id'),
  storeGhcr: secret('store-ghcr'),
  helperEcr: secret('helper-ecr'),
  podmanRun: secret('podman-run'),
  podmanConfig: secret('podman-config'),
  helm: secret('helm'),
  helperToken: secret('helper-token'),
};
const b64 = (text: string) => Buffer.from(text).toString('base64');
const ecrHost = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

let keyring: TestKeyring;
let helpers: HelperFixture;
let home: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let store: RegistriesStore;
let service: CredentialsService;
const output = captureOutput();

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify(value));
}

beforeAll(async () => {
  keyring = await startKeyring();
  helpers = await installHelperFixture();
  home = await mkdtemp(join(tmpdir(), 'stevedore-home-'));
  dataDir = await mkdtemp(join(tmpdir(), 'stevedore-data-'));
  env = { ...helpers.env, HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), XDG_CONFIG_HOME: '', DOCKER_CONFIG: '' };
  await helpers.setLogins({
    'https://ghcr.io': { Username: 'octocat', Secret: s.storeGhcr },
    [ecrHost]: { Username: 'AWS', Secret: s.helperEcr },
    'registry.gitlab.com': { Username: '<token>', Secret: s.helperToken },
  });
  await writeJson(join(home, '.docker', 'config.json'), {
    auths: {
      'https://index.docker.io/v1/': { auth: b64(`hubuser:${s.hub}`) },
      'quay.io': { auth: b64('quayuser:'), identitytoken: s.quayIdentity },
      'https://ghcr.io': {},
    },
    credsStore: 'fixture',
    credHelpers: { [ecrHost]: 'fixture', 'registry.gitlab.com': 'fixture' },
    HttpHeaders: { 'User-Agent': 'docker' },
  });
  await writeJson(join(home, 'run', 'containers', 'auth.json'), { auths: { '127.0.0.1:5000': { auth: b64(`runuser:${s.podmanRun}`) } } });
  await writeJson(join(home, '.config', 'containers', 'auth.json'), { auths: { 'harbor.example.com': { auth: b64(`harboruser:${s.podmanConfig}`) } } });
  await writeJson(join(home, '.config', 'helm', 'registry', 'config.json'), { auths: { 'registry.example.com': { username: 'helmuser', password: s.helm } } });

  store = await openRegistriesStore(dataDir);
  const { store: secrets } = await openSecretStore();
  service = createCredentialsService({
    registries: store,
    secrets,
    verify: async () => {
      throw new Error('imports are not verified against a registry');
    },
  });
});

afterAll(async () => {
  output.restore();
  await keyring?.stop();
  await helpers?.remove();
  if (home) await rm(home, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let found: FoundLogin[] = [];

describe('import logins from Docker, Podman and Helm', () => {
  it('scans every source and lists host, user, source and kind of secret, without any secret', async () => {
    const result = await scanLogins({ env });
    found = result.found;
    expect(result.problems).toEqual([]);
    const summary = found.map((f) => [f.source, f.via.kind, f.host, f.username, f.secretKind]).sort();
    expect(summary).toEqual(
      [
        ['docker', 'file', 'registry-1.docker.io', 'hubuser', 'password'],
        ['docker', 'file', 'quay.io', 'quayuser', 'identity-token'],
        ['docker', 'helper', 'ghcr.io', 'octocat', 'password'],
        ['docker', 'helper', ecrHost, 'AWS', 'password'],
        ['docker', 'helper', 'registry.gitlab.com', '<token>', 'identity-token'],
        ['podman', 'file', '127.0.0.1:5000', 'runuser', 'password'],
        ['podman', 'file', 'harbor.example.com', 'harboruser', 'password'],
        ['helm', 'file', 'registry.example.com', 'helmuser', 'password'],
      ].sort(),
    );
    const text = JSON.stringify(result);
    for (const value of Object.values(s)) expect(text).not.toContain(value);
  });

  it('imports the chosen logins into the keychain, adding registries of the right kind', async () => {
    const chosen = found.filter((f) => ['registry-1.docker.io', 'quay.io', 'ghcr.io', 'registry.gitlab.com', '127.0.0.1:5000'].includes(f.host));
    const outcome = await importLogins(chosen.map((f) => f.id), { registries: store, credentials: service }, { env });
    expect(outcome.problems).toEqual([]);
    expect(outcome.imported.map((i) => `${i.host} ${i.username}`).sort()).toEqual(
      ['127.0.0.1:5000 runuser', 'ghcr.io octocat', 'quay.io quayuser', 'registry-1.docker.io hubuser', 'registry.gitlab.com <token>'].sort(),
    );
    expect(store.list().map((r) => [r.host, r.kind, r.url]).sort()).toEqual(
      [
        ['127.0.0.1:5000', 'local', 'http://127.0.0.1:5000'],
        ['ghcr.io', 'ghcr', 'https://ghcr.io'],
        ['quay.io', 'quay', 'https://quay.io'],
        ['registry-1.docker.io', 'dockerhub', 'https://registry-1.docker.io'],
        ['registry.gitlab.com', 'gitlab', 'https://registry.gitlab.com'],
      ].sort(),
    );
    const items = (await keytar.findCredentials(KEYCHAIN_SERVICE)).map((i) => `${i.account}=${i.password}`).sort();
    expect(items).toEqual(
      [
        `127.0.0.1:5000 runuser=${s.podmanRun}`,
        `ghcr.io octocat=${s.storeGhcr}`,
        `quay.io quayuser=${s.quayIdentity}`,
        `registry-1.docker.io hubuser=${s.hub}`,
        `registry.gitlab.com <token>=${s.helperToken}`,
      ].sort(),
    );
  });

  it('hands the OCI client the imported logins, Docker Hub under any of its names, identity tokens as such', async () => {
    expect(await service.credentialFor('docker.io')).toEqual({ username: 'hubuser', password: s.hub });
    expect(await service.credentialFor('https://index.docker.io/v1/')).toEqual({ username: 'hubuser', password: s.hub });
    expect(await service.credentialFor('quay.io')).toEqual({ identityToken: s.quayIdentity });
    expect(await service.credentialFor('registry.gitlab.com')).toEqual({ identityToken: s.helperToken });
    expect(await service.credentialFor('harbor.example.com')).toBeUndefined();
  });

  it('"use Docker\'s credentials" reads a login live through the helper without copying it', async () => {
    const live = dockerLiveCredentials({ env });
    expect(await live(ecrHost)).toEqual({ username: 'AWS', password: s.helperEcr });
    expect((await keytar.findCredentials(KEYCHAIN_SERVICE)).some((i) => i.account.startsWith(ecrHost))).toBe(false);
  });

  it('never passes a secret to a helper in argv', async () => {
    const argv = await helpers.argvLog();
    expect(argv).toContain('"get"');
    for (const value of Object.values(s)) expect(argv).not.toContain(value);
  });

  it('a login that vanished between scan and import is reported, not imported', async () => {
    const ecr = found.find((f) => f.host === ecrHost)!;
    await helpers.setLogins({});
    const outcome = await importLogins([ecr.id], { registries: store, credentials: service }, { env });
    expect(outcome.imported).toEqual([]);
    expect(outcome.problems).toEqual(['1 of the chosen logins are no longer there; scan again.']);
  });
});

describe('credential helpers that misbehave', () => {
  const configWith = async (config: unknown) => {
    const dir = await mkdtemp(join(tmpdir(), 'stevedore-docker-'));
    await writeJson(join(dir, 'config.json'), config);
    return { ...helpers.env, HOME: join(dir, 'nohome'), DOCKER_CONFIG: dir, XDG_RUNTIME_DIR: '', XDG_CONFIG_HOME: '' };
  };

  it('a helper that hangs is stopped after the timeout with a clear problem', async () => {
    const result = await scanLogins({ env: await configWith({ credsStore: 'hang' }), helperTimeoutMs: 1000 });
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual(['docker-credential-hang did not answer within 1 s; it may be waiting for a prompt or a locked keychain.']);
  });

  it('a helper that exits non-zero is reported with what it said', async () => {
    const result = await scanLogins({ env: await configWith({ credsStore: 'fail' }) });
    expect(result.problems).toEqual(['docker-credential-fail list failed (exit code 1): the keychain is locked.']);
  });

  it('a helper that prints junk is reported as not speaking the protocol', async () => {
    const result = await scanLogins({ env: await configWith({ credHelpers: { 'ghcr.io': 'junk' } }) });
    expect(result.problems).toEqual(['docker-credential-junk printed something that is not the JSON the credential-helper protocol expects.']);
  });

  it('a helper that is not installed is named, with what to do', async () => {
    const result = await scanLogins({ env: await configWith({ credsStore: 'nosuchhelper' }) });
    expect(result.problems).toEqual(['docker-credential-nosuchhelper is not installed (not found on PATH); install it or remove "nosuchhelper" from the configuration.']);
  });

  it('a config file that is not JSON is a problem for that source only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stevedore-docker-'));
    await writeFile(join(dir, 'config.json'), '{ nope');
    const result = await scanLogins({ env: { ...env, DOCKER_CONFIG: dir } });
    expect(result.problems).toEqual([`${join(dir, 'config.json')} is not valid JSON.`]);
    expect(result.found.map((f) => f.source)).not.toContain('docker');
    expect(result.found.length).toBeGreaterThan(0);
  });

  it('secret sweep: no secret in the data folder or the captured output', async () => {
    expect(await findSecrets(Object.values(s), { dirs: [dataDir], texts: { output: output.text() } })).toEqual([]);
  });
});
