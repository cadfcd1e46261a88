import { isDigest, mediaTypes as mt } from '../../../shared/artifacts';
import { toContractError, type Descriptor } from '../../oci';
import type { DigestCache } from '../cache/digest-cache';
import { parseJson } from './digest-facts';
import { isRfc3339 } from './rfc3339';

/** What an image config says about when the image was built. */
export interface ConfigDate {
  /** RFC 3339. */
  created?: string;
  /** Why there is no date. */
  problem?: string;
}

/** Image configs are read for one field: the largest real ones (long histories) are tens of KiB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_PROBLEM = 300;
const IMAGE_CONFIGS: readonly string[] = [mt.OCI_IMAGE_CONFIG, mt.DOCKER_IMAGE_CONFIG];

export type ReadConfig = (config: Descriptor, maxBytes: number) => Promise<Buffer>;

/** The date in a config's bytes. Deterministic, so it is what the cache keeps. */
export function dateOfConfig(bytes: Buffer): ConfigDate {
  const doc = parseJson(bytes);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { problem: 'The image config is not a JSON object.' };
  const created = (doc as Record<string, unknown>).created;
  if (created === undefined) return { problem: 'The image config records no build date.' };
  if (!isRfc3339(created)) return { problem: 'The image config’s date is not an RFC 3339 timestamp.' };
  // ko, Bazel and other reproducible builds write Go's zero time on purpose: no date, not year 1.
  if (created.startsWith('0001-01-01T00:00:00')) return { problem: 'The image was built reproducibly and records no build date (0001-01-01).' };
  return { created };
}

function decode(bytes: Buffer): ConfigDate | undefined {
  const value = parseJson(bytes);
  if (typeof value !== 'object' || value === null) return undefined;
  const { created, problem } = value as Record<string, unknown>;
  if (isRfc3339(created)) return { created };
  if (typeof problem === 'string' && problem.length <= MAX_PROBLEM) return { problem };
  return undefined;
}

/** Refusals decided by the descriptor alone: no request is made for them. */
function refusal(config: Descriptor): string | undefined {
  if (!IMAGE_CONFIGS.includes(config.mediaType)) return 'The image has no image config to read a date from.';
  if (!isDigest(config.digest) || !Number.isSafeInteger(config.size) || config.size <= 0) return 'The image config’s descriptor is malformed.';
  if (config.size > MAX_CONFIG_BYTES) return `The image config is larger than ${MAX_CONFIG_BYTES / 1024} KiB, so its date is not read.`;
  return undefined;
}

/**
 * Build dates of image configs, by config digest: a config never changes, so its date (or why it
 * has none) is kept on disk for ever and each config is fetched at most once. A failed read
 * (network, wrong digest) is not kept: the next ask tries again.
 */
export class ConfigDates {
  private readonly inFlight = new Map<string, Promise<ConfigDate>>();
  /** Config GETs sent (tests). */
  fetches = 0;

  constructor(private readonly store: DigestCache) {}

  get(config: Descriptor, read: ReadConfig): Promise<ConfigDate> {
    const refused = refusal(config);
    if (refused) return Promise.resolve({ problem: refused });
    const pending = this.inFlight.get(config.digest);
    if (pending) return pending;
    const load = this.load(config, read).finally(() => this.inFlight.delete(config.digest));
    this.inFlight.set(config.digest, load);
    return load;
  }

  /** Keeps the date of a config someone else has read (the detail view), so it is never fetched for it. */
  async remember(config: Descriptor, bytes: Buffer): Promise<void> {
    if (refusal(config) || (await this.store.get(config.digest))) return;
    await this.store.put(config.digest, Buffer.from(JSON.stringify(dateOfConfig(bytes)))).catch(() => undefined);
  }

  private async load(config: Descriptor, read: ReadConfig): Promise<ConfigDate> {
    const stored = await this.store.get(config.digest);
    const cached = stored && decode(stored);
    if (cached) return cached;
    let bytes: Buffer;
    try {
      this.fetches += 1;
      bytes = await read(config, MAX_CONFIG_BYTES);
    } catch (error) {
      const reason = toContractError(error);
      if (reason.code === 'cancelled') throw reason;
      return { problem: `The image config could not be read: ${reason.message}`.slice(0, MAX_PROBLEM) };
    }
    const date = dateOfConfig(bytes);
    await this.store.put(config.digest, Buffer.from(JSON.stringify(date))).catch(() => undefined);
    return date;
  }
}
