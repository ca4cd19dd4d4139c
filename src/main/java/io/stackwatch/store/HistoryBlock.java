package io.stackwatch.store;

import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The points of one series in one block of one tier, packed into bytes: a version byte, a bitmap of
 * the slots holding a point (times are implicit: slot i is {@code blockStart + i × period}), the
 * values, then the weights that are not whole.
 *
 * <p>1-minute values are kept as 8-byte doubles, exactly as CloudWatch gave them, since alarms are
 * evaluated on them after a restart. 5-minute and 1-hour values are kept as floats (7 significant
 * digits, more than any page shows), each written as the zigzag varint of the difference between
 * its float bits and the previous value's, which is 1 to 3 bytes for a series that moves smoothly
 * instead of 8. A weight is written only where a point stands for fewer minutes than its period, as
 * slot and weight; most points are whole.
 */
final class HistoryBlock {

  private static final byte VERSION = 1;

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
    int partial = 0;
    int previousSlot = 0;
    int previousBits = 0;
    for (int i = 0; i < p.size(); i++) {
      double v = p.values()[i];
      if (Double.isNaN(v)) {
        continue;
      }
      int slot = slot(tier, blockStart, p.epochSeconds()[i]);
      bitmap[slot >>> 3] |= (byte) (1 << (slot & 7));
      if (tier == Tier.MINUTE) {
        long bits = Double.doubleToRawLongBits(v);
        for (int b = 56; b >= 0; b -= 8) {
          values.write((int) (bits >>> b));
        }
      } else {
        int bits = Float.floatToRawIntBits((float) v);
        writeVarint(values, zigzag(bits - previousBits));
        previousBits = bits;
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
    int[] at = {1 + bitmapLength};
    int k = 0;
    int previousBits = 0;
    for (int slot = 0; slot < slots; slot++) {
      if ((data[1 + (slot >>> 3)] & (1 << (slot & 7))) == 0) {
        continue;
      }
      t[k] = blockStart + (long) slot * tier.periodSeconds();
      if (tier == Tier.MINUTE) {
        long bits = 0;
        for (int b = 0; b < 8; b++) {
          bits = (bits << 8) | (data[at[0]++] & 0xff);
        }
        v[k] = Double.longBitsToDouble(bits);
      } else {
        previousBits += unzigzag(readVarint(data, at));
        v[k] = Float.intBitsToFloat(previousBits);
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

  private static int zigzag(int n) {
    return (n << 1) ^ (n >> 31);
  }

  private static int unzigzag(int n) {
    return (n >>> 1) ^ -(n & 1);
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
