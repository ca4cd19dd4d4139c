package io.stackwatch.store;

import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The points of one series in one block of one tier, packed into bytes: a version byte, a bitmap of
 * the slots holding a point (times are implicit: slot i is {@code blockStart + i × period}), a byte
 * saying how the values are written, the values, then the weights that are not whole.
 *
 * <p>Values are written one of three ways, whichever fits the block. Whole numbers (counts, sums of
 * counts), at any tier: the zigzag varint of each one's difference from the previous, exact, 1 or 2
 * bytes for a count that moves by less than a few thousand. Other 1-minute values: 8-byte doubles,
 * exactly as CloudWatch gave them, since alarms are evaluated on them after a restart. Other
 * 5-minute and 1-hour values: rounded to 5 significant digits (a float with 16 bits of mantissa,
 * relative error below 8 in a million, beyond what any page shows), written as the zigzag varint of
 * the difference of those bits from the previous value's: 2 bytes for a series whose points differ
 * by a few percent, 3 for one that jumps. A weight is written only where a point stands for fewer
 * minutes than its period, as slot and weight; most points are whole.
 */
final class HistoryBlock {

  private static final byte VERSION = 1;

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
    int slots = tier.slots();
    byte[] bitmap = new byte[(slots + 7) / 8];
    ByteArrayOutputStream values = new ByteArrayOutputStream(p.size() * 3 + 16);
    ByteArrayOutputStream weights = new ByteArrayOutputStream();
    byte mode = tier == Tier.MINUTE ? DOUBLES : ROUNDED;
    boolean whole = true;
    for (double v : p.values()) {
      whole &= Double.isNaN(v) || (v == Math.rint(v) && Math.abs(v) < WHOLE_LIMIT);
    }
    if (whole) {
      mode = WHOLE;
    }
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
      switch (mode) {
        case WHOLE -> {
          long n = (long) v;
          writeVarlong(values, zigzag(n - previous));
          previous = n;
        }
        case DOUBLES -> {
          long bits = Double.doubleToRawLongBits(v);
          for (int b = 56; b >= 0; b -= 8) {
            values.write((int) (bits >>> b));
          }
        }
        default -> {
          long bits = rounded(v);
          writeVarlong(values, zigzag(bits - previous));
          previous = bits;
        }
      }
      int w = p.minutes()[i];
      if (w != tier.fullWeight()) {
        writeVarint(weights, slot - previousSlot);
        writeVarint(weights, w);
        previousSlot = slot;
        partial++;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 + bitmap.length + values.size() + 8);
    out.write(VERSION);
    out.write(bitmap, 0, bitmap.length);
    out.write(mode);
    out.writeBytes(values.toByteArray());
    writeVarint(out, partial);
    out.writeBytes(weights.toByteArray());
    return out.toByteArray();
  }

  /** The points of a block, ascending. */
  static WeightedPoints decode(Tier tier, long blockStart, byte[] data) {
    if (data.length == 0 || data[0] != VERSION) {
      throw new IllegalArgumentException("not a history block of version " + VERSION);
    }
    int slots = tier.slots();
    int bitmapLength = (slots + 7) / 8;
    int n = 0;
    for (int i = 1; i <= bitmapLength; i++) {
      n += Integer.bitCount(data[i] & 0xff);
    }
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    int[] slotOf = new int[n];
    byte mode = data[1 + bitmapLength];
    int[] at = {2 + bitmapLength};
    int k = 0;
    long previous = 0;
    for (int slot = 0; slot < slots; slot++) {
      if ((data[1 + (slot >>> 3)] & (1 << (slot & 7))) == 0) {
        continue;
      }
      t[k] = blockStart + (long) slot * tier.periodSeconds();
      switch (mode) {
        case WHOLE -> {
          previous += unzigzag(readVarlong(data, at));
          v[k] = previous;
        }
        case DOUBLES -> {
          long bits = 0;
          for (int b = 0; b < 8; b++) {
            bits = (bits << 8) | (data[at[0]++] & 0xff);
          }
          v[k] = Double.longBitsToDouble(bits);
        }
        default -> {
          previous += unzigzag(readVarlong(data, at));
          v[k] = Float.intBitsToFloat((int) (previous << DROPPED_BITS));
        }
      }
      w[k] = tier.fullWeight();
      slotOf[k] = slot;
      k++;
    }
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
    return new WeightedPoints(t, v, w);
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

  private static void writeVarlong(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
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
