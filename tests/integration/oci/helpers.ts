import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Credential } from '../../../electron/oci/auth/credentials';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import type { ImageManifest } from '../../../electron/oci/manifests/manifest-types';
import { pushScope } from '../../../electron/oci/auth/scopes';
import type { RegistryHttp } from '../../../electron/oci/registry-http';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import type { TestRegistry } from '../../support/registry';

/** The first user of a test registry, as the credential function a caller would give. */
export function credentialsFor(reg: TestRegistry): (host: string) => Promise<Credential | undefined> {
  const [username, password] = Object.entries(reg.users)[0] ?? [];
  return async (host) => (username !== undefined && password !== undefined && host === reg.host ? { username, password } : undefined);
}

export function clientFor(reg: TestRegistry): Registry {
  return createRegistry({ baseUrl: reg.url, credentials: credentialsFor(reg) });
}

/** Uploads the empty JSON config `{}` with a plain monolithic POST + PUT (not the blobs module). */
export async function uploadEmptyConfig(http: RegistryHttp, repository: string): Promise<void> {
  const start = await http.send({ method: 'POST', url: `/v2/${repository}/blobs/uploads/`, scopes: [pushScope(repository)] });
  await start.body.dump();
  if (start.statusCode !== 202) throw new Error(`upload start answered ${start.statusCode}`);
  const location = start.headers.location as string;
  const url = new URL(location, http.baseUrl);
  url.searchParams.set('digest', EMPTY_JSON_DIGEST);
  const put = await http.send({
    method: 'PUT',
    url: url.toString(),
    headers: { 'content-type': 'application/octet-stream' },
    body: () => Buffer.from('{}'),
    scopes: [pushScope(repository)],
  });
  await put.body.dump();
  if (put.statusCode !== 201) throw new Error(`upload PUT answered ${put.statusCode}`);
}

export function emptyArtifact(annotations: Record<string, string> = {}, extra: Partial<ImageManifest> = {}): ImageManifest {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'application/vnd.stevedore.test+type',
    config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 },
    layers: [],
    annotations,
    ...extra,
  };
}

/** A skopeo auth file (secrets on disk in a temp dir only, never in argv). */
export async function skopeoAuthFile(reg: TestRegistry): Promise<string> {
  const path = join(reg.rootDir, 'skopeo-auth.json');
  const [username, password] = Object.entries(reg.users)[0] ?? [];
  const auths = username !== undefined ? { [reg.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } : {};
  await writeFile(path, JSON.stringify({ auths }), { mode: 0o600 });
  return path;
}
