package io.stackwatch.store;

import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The points of one series in one block of one tier, packed into bytes: a version byte, a bitmap of
 * the slots holding a point (times are implicit: slot i is {@code blockStart + i × period}), a byte
 * saying how the values are written, the weights that are not whole, then the values.
 *
 * <p>Each value becomes a code, one of three ways, whichever fits the block. Whole numbers (counts,
 * sums of counts), at any tier: the zigzag of its difference from the previous one, exact. Other
 * 1-minute values: the bits of the double exactly as CloudWatch gave it (alarms are evaluated on
 * them after a restart), XORed with the previous value's, so the bits two close values share are
 * zeros. Other 5-minute and 1-hour values: rounded to 5 significant digits (a float with 16 bits of
 * mantissa, relative error below 8 in a million, beyond what any page shows), then the zigzag of
 * the difference of those bits from the previous value's.
 *
 * <p>The codes are bit-packed at one width per block, the width that makes the block smallest
 * (patched frame of reference): each code's low bits at that width, then the few codes wider than
 * it, as index and high bits. A count moving by tens takes 7 or 8 bits a point, a rounded value
 * moving by a few percent 12 or 13, a noisy double about 52.
 *
 * <p>Version 1 blocks, written before the packing (values as bytes: varints and whole doubles, the
 * weights after them), are still read.
 */
final class HistoryBlock {

  private static final byte VERSION = 2;

  private static final byte WHOLE = 0;
  private static final byte DOUBLES = 1;
  private static final byte ROUNDED = 2;

  /** Mantissa bits dropped from a float: 16 of its 23 are kept. */
  private static final int DROPPED_BITS = 7;

  /** Whole numbers this large are exact in a double and their differences fit a long. */
  private static final double WHOLE_LIMIT = 1L << 52;

  private HistoryBlock() {}

  /**
   * Packs the points of one block; they must lie in it, ascending. NaN values are not stored.
   *
   * @param blockStart the block's first second
   */
  static byte[] encode(Tier tier, long blockStart, WeightedPoints p) {
    byte[] bitmap = new byte[(tier.slots() + 7) / 8];
    ByteArrayOutputStream weights = new ByteArrayOutputStream();
    byte mode = tier == Tier.MINUTE ? DOUBLES : ROUNDED;
    boolean whole = true;
    for (double v : p.values()) {
      whole &= Double.isNaN(v) || (v == Math.rint(v) && Math.abs(v) < WHOLE_LIMIT);
    }
    if (whole) {
      mode = WHOLE;
    }
    long[] codes = new long[p.size()];
    int n = 0;
    int partial = 0;
    int previousSlot = 0;
    long previous = 0;
    for (int i = 0; i < p.size(); i++) {
      double v = p.values()[i];
      if (Double.isNaN(v)) {
        continue;
      }
      int slot = slot(tier, blockStart, p.epochSeconds()[i]);
      bitmap[slot >>> 3] |= (byte) (1 << (slot & 7));
      long bits =
          switch (mode) {
            case WHOLE -> (long) v;
            case DOUBLES -> Double.doubleToRawLongBits(v);
            default -> rounded(v);
          };
      codes[n++] = mode == DOUBLES ? bits ^ previous : zigzag(bits - previous);
      previous = bits;
      int w = p.minutes()[i];
      if (w != tier.fullWeight()) {
        writeVarint(weights, slot - previousSlot);
        writeVarint(weights, w);
        previousSlot = slot;
        partial++;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bitmap.length + n * 2 + 16);
    out.write(VERSION);
    out.write(bitmap, 0, bitmap.length);
    out.write(mode);
    writeVarint(out, partial);
    out.writeBytes(weights.toByteArray());
    out.writeBytes(pack(codes, n));
    return out.toByteArray();
  }

  /** The points of a block, ascending. */
  static WeightedPoints decode(Tier tier, long blockStart, byte[] data) {
    int version = data.length == 0 ? 0 : data[0];
    if (version != 1 && version != VERSION) {
      throw new IllegalArgumentException("not a history block of version 1 or " + VERSION);
    }
    int slots = tier.slots();
    int bitmapLength = (slots + 7) / 8;
    int n = 0;
    for (int i = 1; i <= bitmapLength; i++) {
      n += Integer.bitCount(data[i] & 0xff);
    }
    long[] t = new long[n];
    int[] slotOf = new int[n];
    int k = 0;
    for (int slot = 0; slot < slots; slot++) {
      if ((data[1 + (slot >>> 3)] & (1 << (slot & 7))) != 0) {
        t[k] = blockStart + (long) slot * tier.periodSeconds();
        slotOf[k++] = slot;
      }
    }
    byte mode = data[1 + bitmapLength];
    int[] at = {2 + bitmapLength};
    long[] codes = version == 1 ? bytewise(mode, data, at, n) : null;
    int[] w = new int[n];
    Arrays.fill(w, tier.fullWeight());
    int partial = readVarint(data, at);
    int slot = 0;
    for (int i = 0; i < partial; i++) {
      slot += readVarint(data, at);
      int weight = readVarint(data, at);
      int index = Arrays.binarySearch(slotOf, 0, n, slot);
      if (index >= 0) {
        w[index] = weight;
      }
    }
    if (codes == null) {
      codes = unpack(data, at[0], n);
      if (mode == DOUBLES) {
        for (int i = 1; i < n; i++) {
          codes[i] ^= codes[i - 1];
        }
      }
    }
    double[] v = new double[n];
    long previous = 0;
    for (int i = 0; i < n; i++) {
      switch (mode) {
        case WHOLE -> {
          previous += unzigzag(codes[i]);
          v[i] = previous;
        }
        case DOUBLES -> v[i] = Double.longBitsToDouble(codes[i]);
        default -> {
          previous += unzigzag(codes[i]);
          v[i] = Float.intBitsToFloat((int) (previous << DROPPED_BITS));
        }
      }
    }
    return new WeightedPoints(t, v, w);
  }

  /**
   * Codes at the width that makes them smallest: 7 bits of width, each code's low bits at it, then
   * how many are wider and, for each, its index (from the previous one's) and its high bits.
   */
  private static byte[] pack(long[] codes, int n) {
    int[] ofWidth = new int[65];
    for (int i = 0; i < n; i++) {
      ofWidth[64 - Long.numberOfLeadingZeros(codes[i])]++;
    }
    int width = 64;
    long smallest = Long.MAX_VALUE;
    for (int w = 0; w <= 64; w++) {
      long bits = (long) n * w;
      for (int wider = w + 1; wider <= 64; wider++) {
        // About a byte of index and a varint of the high bits.
        bits += ofWidth[wider] * (8L + 8 * ((wider - w + 6) / 7));
      }
      if (bits < smallest) {
        smallest = bits;
        width = w;
      }
    }
    long mask = width == 64 ? -1L : (1L << width) - 1;
    BitWriter out = new BitWriter();
    out.write(width, 7);
    int wider = 0;
    for (int i = 0; i < n; i++) {
      out.write(codes[i] & mask, width);
      if ((codes[i] & ~mask) != 0) {
        wider++;
      }
    }
    out.writeVarint(wider);
    int previous = 0;
    for (int i = 0; i < n; i++) {
      if ((codes[i] & ~mask) != 0) {
        out.writeVarint(i - previous);
        out.writeVarint(codes[i] >>> width);
        previous = i;
      }
    }
    return out.toByteArray();
  }

  private static long[] unpack(byte[] data, int from, int n) {
    BitReader in = new BitReader(data, from);
    int width = (int) in.read(7);
    long[] codes = new long[n];
    for (int i = 0; i < n; i++) {
      codes[i] = in.read(width);
    }
    long wider = in.readVarint();
    int index = 0;
    for (long i = 0; i < wider; i++) {
      index += (int) in.readVarint();
      codes[index] |= in.readVarint() << width;
    }
    return codes;
  }

  /** A version 1 block's codes: varints, or whole doubles (their bits, not XORed). */
  private static long[] bytewise(byte mode, byte[] data, int[] at, int n) {
    long[] codes = new long[n];
    for (int i = 0; i < n; i++) {
      if (mode == DOUBLES) {
        for (int b = 0; b < 8; b++) {
          codes[i] = (codes[i] << 8) | (data[at[0]++] & 0xff);
        }
      } else {
        codes[i] = readVarlong(data, at);
      }
    }
    return codes;
  }

  private static int slot(Tier tier, long blockStart, long epochSecond) {
    long offset = epochSecond - blockStart;
    if (offset < 0 || offset >= tier.blockSeconds() || offset % tier.periodSeconds() != 0) {
      throw new IllegalArgumentException(
          epochSecond + " is not a " + tier + " point of the block at " + blockStart);
    }
    return (int) (offset / tier.periodSeconds());
  }

  /** A value as a float of 16 mantissa bits, rounded to nearest, shifted to drop the rest. */
  private static long rounded(double v) {
    int bits = Float.floatToRawIntBits((float) v);
    if (Float.isInfinite((float) v)) {
      return bits >> DROPPED_BITS;
    }
    return (bits + (1 << (DROPPED_BITS - 1))) >> DROPPED_BITS;
  }

  private static long zigzag(long n) {
    return (n << 1) ^ (n >> 63);
  }

  private static long unzigzag(long n) {
    return (n >>> 1) ^ -(n & 1);
  }

  private static long readVarlong(byte[] data, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = data[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static int readVarint(byte[] data, int[] at) {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = data[at[0]++];
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }
}
