package io.stackwatch.store;

/**
 * A sealed run of one series' points, ascending, packed as in Gorilla (Pelkonen et al., VLDB 2015,
 * section 4.1). Times: the first in 32 bits, then each as the change of its gap from the previous
 * gap: one 0 bit when the gap is the same (the period, most of the time), else a 1 bit and a
 * varint. Values: the first in 64 bits, then each XORed with the previous: one 0 bit when equal,
 * else the differing bits, within the previous value's window of leading and trailing zeros when
 * they fit (1+1 bits and the window), else with a new window (1+1+5+6 bits and its bits). Values
 * are exact to the bit, NaN and -0.0 included. Immutable.
 */
final class PointChunk {

  private final byte[] data;
  private final int count;
  private final int lastTime;

  private PointChunk(byte[] data, int count, int lastTime) {
    this.data = data;
    this.count = count;
    this.lastTime = lastTime;
  }

  /** Packs {@code count} points from {@code from}; times are seconds, ascending. */
  static PointChunk of(int[] times, double[] values, int from, int count) {
    BitWriter out = new BitWriter();
    int previousTime = 0;
    int previousGap = 0;
    long previousBits = 0;
    int leading = -1;
    int trailing = 0;
    for (int i = from; i < from + count; i++) {
      long bits = Double.doubleToRawLongBits(values[i]);
      if (i == from) {
        out.write(times[i], 32);
        out.write(bits, 64);
      } else {
        int gap = times[i] - previousTime;
        long change = gap - previousGap;
        out.writeBit(change != 0);
        if (change != 0) {
          out.writeVarint((change << 1) ^ (change >> 63));
        }
        previousGap = gap;
        long xor = bits ^ previousBits;
        out.writeBit(xor != 0);
        if (xor != 0) {
          int lead = Math.min(31, Long.numberOfLeadingZeros(xor));
          int trail = Long.numberOfTrailingZeros(xor);
          boolean fits = leading >= 0 && lead >= leading && trail >= trailing;
          out.writeBit(!fits);
          if (!fits) {
            leading = lead;
            trailing = trail;
            out.write(leading, 5);
            // 1 to 64 meaningful bits; 64 is written as 0.
            out.write((64 - leading - trailing) & 63, 6);
          }
          out.write(xor >>> trailing, 64 - leading - trailing);
        }
      }
      previousTime = times[i];
      previousBits = bits;
    }
    return new PointChunk(out.toByteArray(), count, times[from + count - 1]);
  }

  /** Unpacks the points into the start of both arrays, which hold at least {@link #count()}. */
  void decode(int[] times, double[] values) {
    BitReader in = new BitReader(data);
    int gap = 0;
    long bits = 0;
    int leading = 0;
    int trailing = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0) {
        times[0] = (int) in.read(32);
        bits = in.read(64);
      } else {
        if (in.readBit()) {
          long change = in.readVarint();
          gap += (int) ((change >>> 1) ^ -(change & 1));
        }
        times[i] = times[i - 1] + gap;
        if (in.readBit()) {
          if (in.readBit()) {
            leading = (int) in.read(5);
            int meaningful = (int) in.read(6);
            trailing = 64 - leading - (meaningful == 0 ? 64 : meaningful);
          }
          bits ^= in.read(64 - leading - trailing) << trailing;
        }
      }
      values[i] = Double.longBitsToDouble(bits);
    }
  }

  int count() {
    return count;
  }

  int lastTime() {
    return lastTime;
  }

  /** The bytes this chunk holds its points in. */
  int bytes() {
    return data.length;
  }
}
