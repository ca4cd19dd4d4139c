package io.stackwatch.export;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A scrape's families rendered once in one format, kept as text and compressed, so that each scrape
 * only appends the few families that move between polls (the JVM's, the call counters) to the
 * stored bytes. The compressed part is a deflate stream flushed but not finished: a gzip body is
 * the stored blocks followed by the tail's own final blocks, one gzip member as every client reads
 * it, without compressing the stored text again. A body is the stored arrays and the tail's wrapped
 * in one buffer, not copied: at 10,000 series the text is 3 MB, and a copy per scrape is an
 * allocation the size of a G1 region, which the collector handles worst. The text's CRC-32 is kept
 * too, and only the tail's bytes are added to it per scrape.
 */
public final class ScrapeBody {

  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final String EOF = "# EOF\n";

  private final byte[] text;
  private final byte[] deflated;
  private final int textCrc;

  private ScrapeBody(byte[] text, byte[] deflated) {
    this.text = text;
    this.deflated = deflated;
    CRC32 crc = new CRC32();
    crc.update(text);
    this.textCrc = (int) crc.getValue();
  }

  /**
   * The families in the format asked ({@link TextFormat#CONTENT_TYPE_004} or OpenMetrics), without
   * OpenMetrics' closing {@code # EOF}: the tail brings it.
   */
  static ScrapeBody render(List<MetricFamilySamples> families, String contentType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      TextFormat.writeFormat(contentType, w, Collections.enumeration(families));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String rendered = out.toString(StandardCharsets.UTF_8);
    if (rendered.endsWith(EOF)) {
      rendered = rendered.substring(0, rendered.length() - EOF.length());
    }
    byte[] text = rendered.getBytes(StandardCharsets.UTF_8);
    return new ScrapeBody(text, deflate(text, false));
  }

  /** The stored text, then the tail. */
  public ByteBuf plain(byte[] tail) {
    return Unpooled.wrappedBuffer(text, tail);
  }

  /** What {@link #plain} says, gzip-compressed: only the tail is compressed now. */
  public ByteBuf gzip(byte[] tail) {
    byte[] trailer = new byte[8];
    writeIntLe(trailer, 0, crc32(textCrc, tail));
    writeIntLe(trailer, 4, text.length + tail.length);
    return Unpooled.wrappedBuffer(GZIP_HEADER, deflated, deflate(tail, true), trailer);
  }

  /** Bytes of the stored text: what the benchmark reports. */
  public int textBytes() {
    return text.length;
  }

  /** Bytes of the stored compressed text. */
  public int compressedBytes() {
    return deflated.length;
  }

  /**
   * Raw deflate blocks of the input: the last ones of a stream ({@code last}), or flushed to a byte
   * boundary with the stream left open for more.
   */
  private static byte[] deflate(byte[] input, boolean last) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(input);
      if (last) {
        deflater.finish();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length / 4));
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int n =
            deflater.deflate(
                buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
        // A flush has written everything once it leaves room in the buffer.
        if (last ? deflater.finished() : n < buffer.length) {
          return out.toByteArray();
        }
      }
    } finally {
      deflater.end();
    }
  }

  private static void writeIntLe(byte[] out, int at, int v) {
    for (int i = 0; i < 4; i++) {
      out[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** CRC-32 (gzip's) table: each byte's remainder, reflected polynomial 0xEDB88320. */
  private static final int[] CRC_TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      CRC_TABLE[n] = c;
    }
  }

  /** The CRC-32 of some bytes whose CRC-32 is {@code crc}, followed by {@code more}. */
  static int crc32(int crc, byte[] more) {
    int c = ~crc;
    for (byte b : more) {
      c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
    }
    return ~c;
  }
}
