/** mulberry32: a tiny deterministic PRNG, so every run and every machine gets the same blob sizes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` sizes from `min` to `max` bytes inclusive, the same for a given seed. */
export function seededSizes(count: number, min: number, max: number, seed = 20240601): number[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => min + Math.floor(next() * (max - min + 1)));
}
