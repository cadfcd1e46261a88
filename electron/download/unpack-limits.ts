import { DEFAULT_UNPACK_LIMITS, type UnpackLimits } from './download-job';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * The unpack caps, from the environment where set (as `STEVEDORE_UPLOAD_MAX_BYTES` is for
 * uploads): `STEVEDORE_UNPACK_MAX_BYTES` (bytes, or with a MiB/GiB suffix) and
 * `STEVEDORE_UNPACK_MAX_RATIO`. A value that does not read is refused at start, not ignored.
 */
export function unpackLimitsFrom(env: Record<string, string | undefined>): UnpackLimits {
  const limits = { ...DEFAULT_UNPACK_LIMITS };
  const bytes = env.STEVEDORE_UNPACK_MAX_BYTES?.trim();
  if (bytes) {
    const match = /^(\d{1,16})\s*(|B|MiB|GiB)$/i.exec(bytes);
    const value = match ? Number(match[1]) * (/gib/i.test(match[2] ?? '') ? GiB : /mib/i.test(match[2] ?? '') ? MiB : 1) : NaN;
    if (!Number.isSafeInteger(value) || value < MiB) throw new Error(`STEVEDORE_UNPACK_MAX_BYTES must be a size of at least 1 MiB, like 8GiB or 500MiB, not "${bytes.slice(0, 30)}".`);
    limits.maxUnpackedBytes = value;
  }
  const ratio = env.STEVEDORE_UNPACK_MAX_RATIO?.trim();
  if (ratio) {
    if (!/^\d{1,6}$/.test(ratio) || Number(ratio) < 2) throw new Error(`STEVEDORE_UNPACK_MAX_RATIO must be a whole number of at least 2, not "${ratio.slice(0, 30)}".`);
    limits.maxExpansionRatio = Number(ratio);
  }
  return limits;
}
