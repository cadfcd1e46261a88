/** The publish specs' own registry (with one image to attach to), their shell and the checks they share. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../support/registry';
import { sha256Digest, utf8 } from '../support/seed/content';
import { buildOciImage } from '../support/seed/image';
import { pushBundle } from '../support/seed/push';
import { SeedHttp } from '../support/seed/registry-http';
import { expect, test as base } from './fixtures';
import { CatalogPage } from './pages/catalog-page';
import { PublishPage } from './pages/publish-page';
import type { RegistriesPage } from './pages/registries-page';

/** oras-go's DescriptorEmptyJSON: the `{}` blob, with its bytes inline as `data`. */
export const EMPTY_CONFIG = { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2, data: 'e30=' };
export const ORAS_DEFAULT_LAYER = 'application/vnd.oci.image.layer.v1.tar';
export const TITLE = 'org.opencontainers.image.title';
export const CREATED = 'org.opencontainers.image.created';
export const TARGET_NAME = 'Publish target';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  data?: string;
}

interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface Index {
  manifests: Descriptor[];
}

interface Target {
  registry: TestRegistry;
  http: SeedHttp;
  /** An image already in the registry (`app:1.0`), for attaching. */
  image: { repository: string; tag: string; digest: string; size: number };
  /** Files on disk for the pickers and real drops. */
  dir: string;
}

interface Shell {
  app: RegistriesPage;
  catalog: CatalogPage;
  publisher: PublishPage;
}

/** Its own registry (not the shared seeded one, which other specs count), with one image in it. */
export const test = base.extend<{ shell: Shell }, { target: Target }>({
  target: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'none' });
      const http = new SeedHttp(registry.host);
      const built = buildOciImage({
        created: '2024-05-01T12:00:00Z',
        platform: { architecture: 'amd64', os: 'linux' },
        files: [{ path: 'hello.txt', content: 'hello\n' }],
        entrypoint: ['/hello'],
        cmd: [],
        env: [],
        exposedPorts: [],
        labels: {},
      });
      await pushBundle({ host: registry.host, http }, built.bundle, 'app', '1.0', 'http');
      const dir = await mkdtemp(join(tmpdir(), 'stevedore-publish-e2e-'));
      await use({ registry, http, image: { repository: 'app', tag: '1.0', digest: built.manifest.digest, size: built.manifest.size }, dir });
      await rm(dir, { recursive: true, force: true });
      await http.close();
      await registry.stop();
    },
    { scope: 'worker' },
  ],
  shell: async ({ app, page, target }, use) => {
    await app.addWithMouse(target.registry.host, TARGET_NAME);
    await expect(app.status(TARGET_NAME)).toContainText('connected');
    const catalog = new CatalogPage(page);
    await expect(catalog.repository('app')).toBeVisible();
    await use({ app, catalog, publisher: new PublishPage(page) });
  },
});

export async function manifestOf(target: Target, repository: string, reference: string): Promise<{ digest: string; manifest: Manifest; bytes: string }> {
  const fetched = await target.http.getManifest(repository, reference);
  const bytes = Buffer.from(fetched.bytes).toString('utf8');
  return { digest: fetched.digest, manifest: JSON.parse(bytes) as Manifest, bytes };
}

/** One ORAS file layer as `oras push name:mediaType` writes it. */
export function fileLayer(name: string, content: string | Uint8Array, mediaType = ORAS_DEFAULT_LAYER): Descriptor {
  const bytes = typeof content === 'string' ? utf8(content) : content;
  return { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength, annotations: { [TITLE]: name } };
}

export async function blobOf(target: Target, repository: string, digest: string): Promise<Buffer> {
  return Buffer.from(await target.http.getBlob(repository, digest, 16 * 1024 * 1024));
}

/** Writes files (and empty folders, paths ending in "/") under the worker's folder; returns the root. */
export async function writeTree(target: Target, name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const root = join(target.dir, name);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) await mkdir(full, { recursive: true });
    else {
      await mkdir(join(full, '..'), { recursive: true });
      await writeFile(full, content);
    }
  }
  return root;
}

export async function fillTarget(publisher: PublishPage, repository: string, tags: string): Promise<void> {
  await publisher.repository.fill(repository);
  await publisher.tags.fill(tags);
}

export async function setCreated(publisher: PublishPage, mode: 'Now' | 'Off'): Promise<void> {
  await publisher.panel.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
}

/** The row of a repository shows this kind (by its icon's title) without anyone pressing Refresh. */
export async function expectKindInCatalog(shell: Shell, repository: string, kindLabel: string): Promise<void> {
  await shell.catalog.backToList();
  await shell.catalog.search.fill(repository);
  const row = shell.catalog.repository(repository);
  await expect(row.getByTitle(new RegExp(`× ${kindLabel}$`))).toBeVisible();
  await shell.catalog.search.fill('');
}

export async function showTarget(shell: Shell): Promise<void> {
  await shell.app.selector(TARGET_NAME).click();
  await expect(shell.catalog.scope).toHaveValue(/.+/);
}

export const sbomDocument = JSON.stringify({
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'app',
  documentNamespace: 'https://example.com/spdx/app',
  creationInfo: { created: '2024-05-01T12:00:00Z', creators: ['Tool: stevedore-e2e'] },
  packages: [{ name: 'busybox', SPDXID: 'SPDXRef-Package-busybox', versionInfo: '1.36.1', downloadLocation: 'NOASSERTION' }],
});

export { expect };
