/**
 * A seeded pseudo-random source for the synthetic MSP. Everything the generator varies comes from
 * one of these, never from `Math.random` or the clock, so the same seed always gives the same
 * bytes (issue #6: benchmarks and screenshots must be reproducible).
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, with the given relative weights (same length as `items`). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `count` distinct elements in random order (all of them when `count` is larger). */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * Hashes a seed and any number of labels into a 32-bit integer (FNV-1a over the joined text).
 * Labels let each part of the generator draw from its own stream, so adding months does not
 * change the clients' binders, and adding clients does not change the first clients.
 */
export function hashSeed(seed: string | number, ...labels: readonly (string | number)[]): number {
  const text = [String(seed), ...labels.map(String)].join('\u001f');
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random source for one stream: `createRandom(seed, 'client', 3)`. */
export function createRandom(seed: string | number, ...labels: readonly (string | number)[]): Random {
  const next = mulberry32(hashSeed(seed, ...labels));
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let roll = next() * total;
      for (let index = 0; index < items.length; index++) {
        roll -= weights[index] ?? 0;
        if (roll < 0) return items[index] as (typeof items)[number];
      }
      return random.pick(items);
    },
    sample: (items, count) => {
      const copy = [...items];
      // Partial Fisher-Yates: only the first `count` places are shuffled.
      const take = Math.min(count, copy.length);
      for (let index = 0; index < take; index++) {
        const other = index + Math.floor(next() * (copy.length - index));
        [copy[index], copy[other]] = [
          copy[other] as (typeof copy)[number],
          copy[index] as (typeof copy)[number],
        ];
      }
      return copy.slice(0, take);
    },
  };
  return random;
}
