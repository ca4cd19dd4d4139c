package io.stackwatch.store;

import java.util.Arrays;

/** Bits appended most significant first into a growing byte array; read back by BitReader. */
final class BitWriter {

  private byte[] bytes = new byte[64];
  private int length;

  /** Appends the low {@code n} bits of {@code value}, 0 to 64 of them, highest first. */
  void write(long value, int n) {
    while (n > 0) {
      int at = length >>> 3;
      if (at == bytes.length) {
        bytes = Arrays.copyOf(bytes, at * 2);
      }
      int free = 8 - (length & 7);
      int take = Math.min(free, n);
      int bits = (int) (value >>> (n - take)) & ((1 << take) - 1);
      bytes[at] |= (byte) (bits << (free - take));
      length += take;
      n -= take;
    }
  }

  void writeBit(boolean bit) {
    write(bit ? 1 : 0, 1);
  }

  /** An unsigned number in groups of 7 bits, each preceded by a bit saying whether more follow. */
  void writeVarint(long value) {
    while ((value & ~0x7fL) != 0) {
      write(0x80 | (value & 0x7f), 8);
      value >>>= 7;
    }
    write(value, 8);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, (length + 7) >>> 3);
  }
}
