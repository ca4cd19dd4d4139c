package io.stackwatch.store;

/** Reads back, in order, the bits a BitWriter wrote. */
final class BitReader {

  private final byte[] bytes;
  private int position;

  BitReader(byte[] bytes) {
    this(bytes, 0);
  }

  /** Reads from the byte at {@code from}. */
  BitReader(byte[] bytes, int from) {
    this.bytes = bytes;
    this.position = from * 8;
  }

  /** The next {@code n} bits, 0 to 64, as the low bits of a long. */
  long read(int n) {
    long value = 0;
    while (n > 0) {
      int left = 8 - (position & 7);
      int take = Math.min(left, n);
      int bits = ((bytes[position >>> 3] & 0xff) >>> (left - take)) & ((1 << take) - 1);
      value = (value << take) | bits;
      position += take;
      n -= take;
    }
    return value;
  }

  boolean readBit() {
    return read(1) == 1;
  }

  long readVarint() {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      long group = read(8);
      value |= (group & 0x7f) << shift;
      if ((group & 0x80) == 0) {
        return value;
      }
    }
  }
}
