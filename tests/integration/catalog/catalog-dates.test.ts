import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagDate } from '../../../shared/contract';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { seedDatedImages, type DatedImage, type DatedImages } from '../../support/seed/dated-images';
import { catalogFixture, waitFor, type CatalogFixture } from './helpers';

let registry: TestRegistry;
let proxy: FaultProxy;
let images: DatedImages;
const dataDirs: string[] = [];

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  images = await seedDatedImages(registry);
  proxy = await startFaultProxy({ upstream: registry.url });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'catalog-dates-'));
  dataDirs.push(dir);
  return dir;
}

const open = (dataDir: string) => catalogFixture({ id: 'proxied', url: proxy.url, host: proxy.host }, { dataDir });

/** What the tag list does for a row in view: classify it and ask for its date, at once. */
async function dateOf(fx: CatalogFixture, image: DatedImage): Promise<TagDate> {
  const before = fx.sink.dates.length;
  const ref = { registryId: 'proxied', repository: image.repository };
  await fx.service.handlers['catalog.classify']({ ...ref, tags: [image.tag] }, fx.ctx);
  await fx.service.handlers['catalog.readDates']({ ...ref, tags: [image.tag] }, fx.ctx);
  await waitFor(() => fx.sink.rows.find((r) => r.repository === image.repository && r.tag === image.tag), `row of ${image.repository}`);
  return waitFor(() => fx.sink.dates.slice(before).find((d) => d.repository === image.repository && d.tag === image.tag), `date of ${image.repository}`);
}

const blobGets = () => proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/'));
const manifestGetsByDigest = () => proxy.requests.filter((r) => r.method === 'GET' && /\/manifests\/sha256:/.test(r.path));
const configGets = (image: DatedImage) => blobGets().filter((r) => image.configs.some((c) => r.path.endsWith(`/blobs/${c}`)));

describe('tag build dates from image configs, against the real registry behind a recording proxy', () => {
  it('fills the date of an image pushed by skopeo without a created annotation, with one config GET, and none on a second read', async () => {
    const dataDir = await freshDataDir();
    const first = await open(dataDir);
    proxy.clearRecord();
    const date = await dateOf(first, images.valid);
    expect(date).toEqual({ registryId: 'proxied', repository: images.valid.repository, tag: images.valid.tag, digest: images.valid.digest, created: images.valid.created });
    const row = first.sink.rows.find((r) => r.repository === images.valid.repository);
    expect(row?.created).toBeUndefined(); // the row itself (annotation only) has none: the date is the config's
    expect(configGets(images.valid)).toHaveLength(1);
    expect(blobGets()).toHaveLength(1);

    // Asked again by the same service: nothing is fetched.
    proxy.clearRecord();
    expect(await dateOf(first, images.valid)).toEqual(date);
    expect(blobGets()).toEqual([]);
    await first.service.flush();
    await first.close();

    // A new run on the same data folder: the date comes from disk, no config nor manifest GET.
    const second = await open(dataDir);
    proxy.clearRecord();
    expect(await dateOf(second, images.valid)).toEqual(date);
    expect(blobGets()).toEqual([]);
    expect(manifestGetsByDigest()).toEqual([]);
    expect(second.service.configFetches()).toBe(0);
    await second.close();
  });

  it('gives a multi-platform index the newest date of its platforms, reading each platform config once', async () => {
    const fx = await open(await freshDataDir());
    proxy.clearRecord();
    const date = await dateOf(fx, images.multi);
    expect(date.created).toBe(images.multi.created);
    expect(date.digest).toBe(images.multi.digest);
    expect(configGets(images.multi)).toHaveLength(2);
    expect(blobGets()).toHaveLength(2);
    await fx.close();
  });

  it('shows no date for a config whose created is not an RFC 3339 timestamp, with the reason, also from the cache', async () => {
    const dataDir = await freshDataDir();
    const first = await open(dataDir);
    const date = await dateOf(first, images.invalid);
    expect(date.created).toBeUndefined();
    expect(date.problem).toBe('The image config’s date is not an RFC 3339 timestamp.');
    await first.service.flush();
    await first.close();

    const second = await open(dataDir);
    proxy.clearRecord();
    expect(await dateOf(second, images.invalid)).toEqual(date);
    expect(blobGets()).toEqual([]);
    await second.close();
  });

  it('a config read that fails leaves the date empty with the reason, the row unharmed, and is tried again next time', async () => {
    const fx = await open(await freshDataDir());
    const [config] = images.valid.configs;
    proxy.fault({
      method: 'GET',
      path: new RegExp(`/blobs/${config}`),
      times: Infinity,
      fault: { kind: 'rewrite', transform: (res) => ({ ...res, body: Buffer.from('{"created":"2099-01-01T00:00:00Z"}') }) },
    });
    try {
      const date = await dateOf(fx, images.valid);
      expect(date.created).toBeUndefined();
      expect(date.problem).toMatch(/^The image config could not be read: .*(digest|size|length|bytes)/i);
      expect(fx.sink.rows.find((r) => r.repository === images.valid.repository)).toMatchObject({ kind: 'image', digest: images.valid.digest });
      expect(fx.sink.rows.find((r) => r.repository === images.valid.repository)?.problem).toBeUndefined();
    } finally {
      proxy.clearFaults();
    }
    expect((await dateOf(fx, images.valid)).created).toBe(images.valid.created);
    await fx.close();
  });

  it('the detail view shows the same date (an index: the newest platform) and the config it read serves the tag list', async () => {
    const fx = await open(await freshDataDir());
    proxy.clearRecord();
    const multi = await fx.service.handlers['catalog.details']({ registryId: 'proxied', repository: images.multi.repository, reference: images.multi.tag }, fx.ctx);
    expect(multi.row.created).toBe(images.multi.created);
    const single = await fx.service.handlers['catalog.details']({ registryId: 'proxied', repository: images.valid.repository, reference: images.valid.tag }, fx.ctx);
    expect(single.row.created).toBe(images.valid.created);
    expect(configGets(images.valid)).toHaveLength(1);
    proxy.clearRecord();
    expect((await dateOf(fx, images.valid)).created).toBe(images.valid.created);
    expect((await dateOf(fx, images.multi)).created).toBe(images.multi.created);
    expect(blobGets()).toEqual([]);
    await fx.close();
  });

  it('the repository list (summaries) never reads a config', async () => {
    const fx = await open(await freshDataDir());
    proxy.clearRecord();
    const repositories = [images.valid.repository, images.invalid.repository, images.multi.repository];
    await fx.service.handlers['catalog.summarise']({ registryId: 'proxied', repositories }, fx.ctx);
    await waitFor(() => (fx.sink.summaries.length === repositories.length ? true : undefined), 'summaries');
    expect(fx.sink.summaries.every((s) => s.kinds.image === 1 || s.kinds['image-index'] === 1)).toBe(true);
    expect(blobGets()).toEqual([]);
    expect(fx.sink.dates).toEqual([]);
    expect(fx.service.configFetches()).toBe(0);
    await fx.close();
  });
});
