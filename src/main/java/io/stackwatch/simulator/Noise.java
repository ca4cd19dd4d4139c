package io.stackwatch.simulator;

/**
 * Stateless pseudo-randomness: every number is a hash of what it describes, so any datapoint of any
 * window can be computed on its own and comes out the same every time.
 */
final class Noise {

  private Noise() {}

  /** SplittableRandom's 64-bit finalizer: small input changes flip about half the output bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of a string (FNV-1a, then mixed). */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** Continues a hash with one more string. */
  static long hash(long seed, String s) {
    return mix(seed ^ hash(s));
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
