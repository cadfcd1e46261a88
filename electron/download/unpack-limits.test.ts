import { describe, expect, it } from 'vitest';
import { DEFAULT_UNPACK_LIMITS } from './download-job';
import { unpackLimitsFrom } from './unpack-limits';

describe('unpackLimitsFrom', () => {
  it('keeps the defaults (8 GiB, 200×) when nothing is set', () => {
    expect(unpackLimitsFrom({})).toEqual(DEFAULT_UNPACK_LIMITS);
    expect(DEFAULT_UNPACK_LIMITS).toEqual({ maxUnpackedBytes: 8 * 1024 ** 3, maxExpansionRatio: 200 });
  });

  it('reads sizes in bytes, MiB or GiB, and a ratio', () => {
    expect(unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_BYTES: '2GiB', STEVEDORE_UNPACK_MAX_RATIO: '50' })).toEqual({ maxUnpackedBytes: 2 * 1024 ** 3, maxExpansionRatio: 50 });
    expect(unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_BYTES: '500 MiB' }).maxUnpackedBytes).toBe(500 * 1024 ** 2);
    expect(unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_BYTES: '1048576' }).maxUnpackedBytes).toBe(1024 ** 2);
  });

  it('refuses values that do not read, saying what would', () => {
    expect(() => unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_BYTES: 'lots' })).toThrow(/like 8GiB or 500MiB, not "lots"/);
    expect(() => unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_BYTES: '10' })).toThrow(/at least 1 MiB/);
    expect(() => unpackLimitsFrom({ STEVEDORE_UNPACK_MAX_RATIO: '1' })).toThrow(/at least 2/);
  });
});
