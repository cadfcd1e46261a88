import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import { localRegistry } from './local-registry';
import { openRegistriesStore, REGISTRIES_FILE_NAME } from './registries-store';
import type { SavedRegistry } from './saved-registry';

let dir: string;
const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');

const local = (over: Partial<SavedRegistry> = {}): SavedRegistry => ({
  id: 'local-1',
  name: 'Local',
  url: 'http://127.0.0.1:5000',
  host: '127.0.0.1:5000',
  kind: 'local',
  insecure: true,
  accounts: [{ username: 'alice', active: true, secretKind: 'password' }],
  pinnedRepositories: ['team/app'],
  useDockerCredentials: false,
  ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('registries store', () => {
  it('lists a built-in registry first without ever writing it, and refuses to change, remove or shadow it', async () => {
    const builtIn = localRegistry(dir);
    const store = await openRegistriesStore(dir, fixedNow, { builtIn: [builtIn] });
    await store.add(local());
    expect(store.list().map((r) => r.id)).toEqual(['local', 'local-1']);
    expect(store.get('local')).toEqual(builtIn);
    const onDisk = JSON.parse(await readFile(join(dir, REGISTRIES_FILE_NAME), 'utf8')) as { registries: SavedRegistry[] };
    expect(onDisk.registries.map((r) => r.id)).toEqual(['local-1']);
    await expect(store.update('local', (r) => ({ ...r, name: 'Mine' }))).rejects.toThrow('Local is built into Stevedore: it cannot be changed or removed.');
    await expect(store.remove('local')).rejects.toThrow(ContractError);
    await expect(store.add(local({ id: 'local', url: 'http://127.0.0.1:5001', host: '127.0.0.1:5001' }))).rejects.toThrow('A registry with that id already exists.');
  });

  it('starts empty without a file and writes a versioned file on the first change', async () => {
    const store = await openRegistriesStore(dir);
    expect(store.list()).toEqual([]);
    expect(store.problem).toBeUndefined();
    await store.add(local());
    const onDisk = JSON.parse(await readFile(join(dir, REGISTRIES_FILE_NAME), 'utf8'));
    expect(onDisk).toEqual({ version: 1, registries: [local()] });
  });

  it('reloads what it saved, with accounts, CA path and pins', async () => {
    const first = await openRegistriesStore(dir);
    await first.add(local({ caCertPath: '/etc/ssl/my-ca.pem' }));
    await first.update('local-1', (r) => ({ ...r, pinnedRepositories: [...r.pinnedRepositories, 'team/db'] }));
    const second = await openRegistriesStore(dir);
    expect(second.get('local-1')).toMatchObject({ caCertPath: '/etc/ssl/my-ca.pem', pinnedRepositories: ['team/app', 'team/db'] });
  });

  it('leaves no temp files behind after many concurrent writes, and the last write wins', async () => {
    const store = await openRegistriesStore(dir);
    await store.add(local());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update('local-1', (r) => ({ ...r, name: `name ${i}` }))));
    expect(await readdir(dir)).toEqual([REGISTRIES_FILE_NAME]);
    const reopened = await openRegistriesStore(dir);
    expect(reopened.get('local-1')?.name).toBe('name 19');
  });

  it('moves a file that is not JSON aside and says where', async () => {
    await writeFile(join(dir, REGISTRIES_FILE_NAME), '{ not json');
    const store = await openRegistriesStore(dir, fixedNow);
    const keptAt = join(dir, 'registries.json.corrupt-2026-01-02T03-04-05-678Z');
    expect(store.problem).toMatchObject({ kind: 'corrupt', keptAt });
    expect(store.problem?.message).toContain(`was unreadable (it is not valid JSON) and was kept aside at ${keptAt}`);
    expect(await readFile(keptAt, 'utf8')).toBe('{ not json');
    expect(store.list()).toEqual([]);
    await store.add(local());
    expect((await readdir(dir)).sort()).toEqual([REGISTRIES_FILE_NAME, 'registries.json.corrupt-2026-01-02T03-04-05-678Z']);
  });

  it('treats a file carrying a password field as corrupt rather than loading it', async () => {
    const withSecret = { version: 1, registries: [{ ...local(), password: 'hunter2' }] };
    await writeFile(join(dir, REGISTRIES_FILE_NAME), JSON.stringify(withSecret));
    const store = await openRegistriesStore(dir, fixedNow);
    expect(store.problem?.kind).toBe('corrupt');
    expect(store.problem?.message).not.toContain('hunter2');
  });

  it('keeps a newer-version file in place and refuses to overwrite it', async () => {
    const newer = JSON.stringify({ version: 2, registries: [], somethingNew: true });
    await writeFile(join(dir, REGISTRIES_FILE_NAME), newer);
    const store = await openRegistriesStore(dir);
    expect(store.problem).toMatchObject({ kind: 'newer', keptAt: join(dir, REGISTRIES_FILE_NAME) });
    expect(store.problem?.message).toContain('newer Stevedore');
    await expect(store.add(local())).rejects.toBeInstanceOf(ContractError);
    expect(await readFile(join(dir, REGISTRIES_FILE_NAME), 'utf8')).toBe(newer);
  });

  it('rejects a registry with a URL carrying userinfo, and a duplicate address', async () => {
    const store = await openRegistriesStore(dir);
    await expect(store.add(local({ url: 'http://bob:pw@127.0.0.1:5000' }))).rejects.toThrow(/cannot be saved/);
    await store.add(local());
    await expect(store.add(local({ id: 'other' }))).rejects.toThrow(/already in the list/);
  });

  it('removes a registry and reports a missing one as not-found', async () => {
    const store = await openRegistriesStore(dir);
    await store.add(local());
    await store.remove('local-1');
    expect(store.list()).toEqual([]);
    await expect(store.remove('local-1')).rejects.toMatchObject({ code: 'not-found' });
  });
});
