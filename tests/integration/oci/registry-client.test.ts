import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { toContractError } from '../../../electron/oci/errors';
import { OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { canonicalManifest } from '../../../electron/oci/manifests/canonical-json';
import { digestOf } from '../../../electron/oci/reference/digest';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import { referrersTag } from '../../../electron/oci/referrers/tag-schema';
import { runCommand } from '../../support/processes';
import { startRegistry, type RegistryAuth, type TestRegistry } from '../../support/registry';
import { clientFor, emptyArtifact, skopeoAuthFile, uploadEmptyConfig } from './helpers';

describe.each(['none', 'htpasswd', 'token'] as RegistryAuth[])('OCI client against docker-registry 2.8 (auth: %s)', (auth) => {
  let reg: TestRegistry;
  let registry: Registry;

  beforeAll(async () => {
    reg = await startRegistry({ auth });
    registry = clientFor(reg);
    await uploadEmptyConfig(registry.http, 'team/app');
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('pings with the given credentials', async () => {
    await expect(registry.ping()).resolves.toBeUndefined();
  });

  it('pushes a manifest by tag, then gets and heads it by tag and by digest, verified', async () => {
    const repo = registry.repository('team/app');
    const manifest = emptyArtifact({ 'org.example.note': 'a<b>&c' });
    const pushed = await repo.pushManifest(manifest, 'v1');
    const bytes = canonicalManifest(manifest);
    expect(pushed).toEqual({ mediaType: OCI_MANIFEST, digest: digestOf(bytes), size: bytes.length });

    const byTag = await repo.manifests().fetch('v1');
    expect(byTag.bytes.equals(bytes)).toBe(true);
    expect(byTag.descriptor).toEqual(pushed);
    expect(byTag.parsed.kind).toBe('manifest');
    const byDigest = await repo.manifests().fetch(pushed.digest);
    expect(byDigest.bytes.equals(bytes)).toBe(true);
    expect(await repo.resolve('v1')).toEqual(pushed);
    expect(await repo.resolve(pushed.digest)).toEqual(pushed);
    expect(await repo.resolve(`${reg.host}/team/app:v1`)).toEqual(pushed);
  });

  it('says not-found for an unknown tag and repository, with the registry’s words', async () => {
    const missing = await registry.repository('team/app').manifests().fetch('nope').catch((e: unknown) => toContractError(e));
    expect(missing).toBeInstanceOf(ContractError);
    expect((missing as ContractError).code).toBe('not-found');
    expect((missing as ContractError).message).toMatch(/manifest unknown/);
    expect(await registry.repository('team/app').manifests().exists('nope')).toBe(false);
  });

  it('lists tags sorted and paged on the client', async () => {
    const repo = registry.repository('team/tags');
    await uploadEmptyConfig(registry.http, 'team/tags');
    for (const tag of ['b', 'a', 'd', 'c', 'e']) await repo.pushManifest(emptyArtifact({ tag }), tag);
    const pages: string[][] = [];
    for await (const page of repo.tags({ pageSize: 2 })) pages.push(page);
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const after: string[][] = [];
    for await (const page of repo.tags({ pageSize: 10, last: 'b' })) after.push(page);
    expect(after).toEqual([['c', 'd', 'e']]);
  });

  it('walks the catalog across several pages with n=2', async () => {
    for (const name of ['cat/one', 'cat/two', 'cat/three']) await uploadEmptyConfig(registry.http, name);
    const seen: string[] = [];
    for await (const name of registry.repositories({ pageSize: 2 })) seen.push(name);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['cat/one', 'cat/three', 'cat/two', 'team/app', 'team/tags']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('deletes a manifest by digest', async () => {
    const repo = registry.repository('team/app');
    const pushed = await repo.pushManifest(emptyArtifact({ purpose: 'delete me' }), 'doomed');
    await repo.manifests().delete(pushed.digest);
    expect(await repo.manifests().exists(pushed.digest)).toBe(false);
    expect(await repo.manifests().exists('doomed')).toBe(false);
  });

  it('writes and reads referrers through the tag schema when the referrers API is missing', async () => {
    const repo = registry.repository('team/app');
    const subject = await repo.pushManifest(emptyArtifact({ role: 'subject' }), 'signed');
    const sbom = emptyArtifact({ role: 'sbom' }, { artifactType: 'application/spdx+json', subject });
    const sig = emptyArtifact({ role: 'sig' }, { artifactType: 'application/vnd.cncf.notary.signature', subject });
    const sbomDesc = await repo.pushManifest(sbom);
    const sigDesc = await repo.pushManifest(sig);
    expect(await registry.capabilities.referrersApi('team/app')).toBe(false);

    const all = await repo.referrers(subject.digest);
    expect(all.map((d) => d.digest).sort()).toEqual([sbomDesc.digest, sigDesc.digest].sort());
    expect(all.find((d) => d.digest === sbomDesc.digest)).toMatchObject({ artifactType: 'application/spdx+json', annotations: { role: 'sbom' } });
    expect((await repo.referrers(subject.digest, { artifactType: 'application/spdx+json' })).map((d) => d.digest)).toEqual([sbomDesc.digest]);
    const fallback = await repo.manifests().fetch(referrersTag(subject.digest));
    expect(fallback.parsed.kind).toBe('index');
  });

  it('stores a manifest byte-identical to what skopeo inspect --raw reads back', async () => {
    const repo = registry.repository('team/app');
    const manifest = emptyArtifact({ 'org.opencontainers.image.title': 'x & <y>', b: '2', a: '1' });
    await repo.pushManifest(manifest, 'skopeo');
    const authfile = await skopeoAuthFile(reg);
    const { stdout } = await runCommand('skopeo', ['inspect', '--raw', '--tls-verify=false', '--authfile', authfile, `docker://${reg.host}/team/app:skopeo`]);
    expect(Buffer.from(stdout, 'utf8').equals(canonicalManifest(manifest))).toBe(true);
  });
});

describe.each(['htpasswd', 'token'] as RegistryAuth[])('wrong credentials (auth: %s)', (auth) => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('fails with unauthorized and never echoes the password', async () => {
    const registry = createRegistry({ baseUrl: reg.url, credentials: async () => ({ username: Object.keys(reg.users)[0]!, password: 'not-the-password-123' }) });
    const error = await registry.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('unauthorized');
    expect((error as ContractError).message).not.toContain('not-the-password-123');
  });
});
