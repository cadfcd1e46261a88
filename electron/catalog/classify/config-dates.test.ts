import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { digestOf, type Descriptor } from '../../oci';
import { DigestCache } from '../cache/digest-cache';
import { ConfigDates, dateOfConfig, MAX_CONFIG_BYTES } from './config-dates';

const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'config-dates-'));
  dirs.push(dir);
  return dir;
}

const newCache = (dir: string) => new DigestCache(dir, { maxBytes: 1024 * 1024, maxMemoryEntries: 10 });

function config(doc: unknown, mediaType = OCI_CONFIG): { descriptor: Descriptor; bytes: Buffer } {
  const bytes = Buffer.from(JSON.stringify(doc));
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}

/** Serves one config and counts reads (stands in for the registry: a mock). */
function reader(bytes: Buffer) {
  const calls: number[] = [];
  return { calls, read: async (_d: Descriptor, maxBytes: number) => (calls.push(maxBytes), bytes) };
}

describe('dateOfConfig', () => {
  it('takes an RFC 3339 created and explains every other case', () => {
    expect(dateOfConfig(Buffer.from('{"created":"2024-05-01T12:00:00.5Z","os":"linux"}'))).toEqual({ created: '2024-05-01T12:00:00.5Z' });
    expect(dateOfConfig(Buffer.from('{"created":"last Tuesday"}')).problem).toMatch(/not an RFC 3339 timestamp/);
    expect(dateOfConfig(Buffer.from('{"created":1714564800}')).problem).toMatch(/not an RFC 3339 timestamp/);
    expect(dateOfConfig(Buffer.from('{"os":"linux"}')).problem).toMatch(/no build date/);
    expect(dateOfConfig(Buffer.from('{"created":"0001-01-01T00:00:00Z"}')).problem).toMatch(/reproducibly and records no build date/);
    expect(dateOfConfig(Buffer.from('[1,2]')).problem).toMatch(/not a JSON object/);
    expect(dateOfConfig(Buffer.from('not json')).problem).toMatch(/not a JSON object/);
  });
});

describe('ConfigDates (mock reader)', () => {
  it('reads a config once, keeps its date on disk and serves a new instance without reading', async () => {
    const dir = await cacheDir();
    const { descriptor, bytes } = config({ created: '2024-05-01T12:00:00Z' });
    const first = reader(bytes);
    const dates = new ConfigDates(newCache(dir));
    const [a, b] = await Promise.all([dates.get(descriptor, first.read), dates.get(descriptor, first.read)]);
    expect(a).toEqual({ created: '2024-05-01T12:00:00Z' });
    expect(b).toEqual(a);
    expect(first.calls).toEqual([MAX_CONFIG_BYTES]);

    const second = reader(Buffer.from('unused'));
    expect(await new ConfigDates(newCache(dir)).get(descriptor, second.read)).toEqual({ created: '2024-05-01T12:00:00Z' });
    expect(second.calls).toEqual([]);
  });

  it('keeps an invalid date as its reason, also for ever', async () => {
    const dir = await cacheDir();
    const { descriptor, bytes } = config({ created: '2024-05-01' });
    const first = reader(bytes);
    expect((await new ConfigDates(newCache(dir)).get(descriptor, first.read)).problem).toMatch(/RFC 3339/);
    const second = reader(bytes);
    expect((await new ConfigDates(newCache(dir)).get(descriptor, second.read)).problem).toMatch(/RFC 3339/);
    expect(second.calls).toEqual([]);
  });

  it('does not keep a failed read: the next ask tries again', async () => {
    const dir = await cacheDir();
    const { descriptor, bytes } = config({ created: '2024-05-01T12:00:00Z' });
    const dates = new ConfigDates(newCache(dir));
    const failed = await dates.get(descriptor, () => Promise.reject(new ContractError('network', 'The registry could not be reached.')));
    expect(failed.problem).toBe('The image config could not be read: The registry could not be reached.');
    expect(await dates.get(descriptor, reader(bytes).read)).toEqual({ created: '2024-05-01T12:00:00Z' });
    expect(dates.fetches).toBe(2);
  });

  it('refuses from the descriptor alone, before any read: too large, not an image config, malformed', async () => {
    const dates = new ConfigDates(newCache(await cacheDir()));
    const never = reader(Buffer.from('{}'));
    const { descriptor } = config({ created: '2024-05-01T12:00:00Z' });
    expect((await dates.get({ ...descriptor, size: MAX_CONFIG_BYTES + 1 }, never.read)).problem).toMatch(/larger than 1024 KiB/);
    expect((await dates.get({ ...descriptor, mediaType: 'application/vnd.cncf.helm.config.v1+json' }, never.read)).problem).toMatch(/no image config/);
    expect((await dates.get({ ...descriptor, digest: 'sha256:nothex' }, never.read)).problem).toMatch(/malformed/);
    expect((await dates.get({ ...descriptor, size: -1 }, never.read)).problem).toMatch(/malformed/);
    expect(never.calls).toEqual([]);
    expect(dates.fetches).toBe(0);
  });

  it('lets a cancellation through instead of turning it into a reason', async () => {
    const dates = new ConfigDates(newCache(await cacheDir()));
    const { descriptor } = config({ created: '2024-05-01T12:00:00Z' });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await expect(dates.get(descriptor, () => Promise.reject(abort))).rejects.toMatchObject({ code: 'cancelled' });
  });
});
