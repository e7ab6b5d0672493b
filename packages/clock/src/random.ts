/** A source of deterministic pseudo-random numbers. */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** Fills a new array with n random bytes. */
  bytes(n: number): Uint8Array;
}

/**
 * A seeded random source with named, independent streams: adding a draw in one service never shifts the
 * numbers another service sees. Same seed and same calls give the same numbers, on every machine.
 */
export interface Random {
  readonly seed: number | string;
  stream(name: string): RandomStream;
}

export function createRandom(seed: number | string = 1): Random {
  const streams = new Map<string, RandomStream>();
  return {
    seed,
    stream(name) {
      let stream = streams.get(name);
      if (stream === undefined) {
        stream = sfc32Stream(`${seed}\u0000${name}`);
        streams.set(name, stream);
      }
      return stream;
    },
  };
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through cyrb128 of the text. */
function sfc32Stream(text: string): RandomStream {
  let [a, b, c, d] = cyrb128(text);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's early numbers are correlated with the seed.
  for (let i = 0; i < 15; i++) nextUint32();
  return {
    next: () => nextUint32() / 4294967296,
    int(maxExclusive) {
      if (!(maxExclusive > 0)) throw new RangeError(`int() needs a positive bound, got ${maxExclusive}`);
      return Math.floor((nextUint32() / 4294967296) * maxExclusive);
    },
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        let word = nextUint32();
        for (let j = i; j < Math.min(n, i + 4); j++) {
          out[j] = word & 0xff;
          word >>>= 8;
        }
      }
      return out;
    },
  };
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
