package io.stackwatch.export;

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
 * it, without compressing the stored text again.
 */
public final class ScrapeBody {

  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final String EOF = "# EOF\n";

  private final byte[] text;
  private final byte[] deflated;

  private ScrapeBody(byte[] text, byte[] deflated) {
    this.text = text;
    this.deflated = deflated;
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
  public byte[] plain(byte[] tail) {
    byte[] body = new byte[text.length + tail.length];
    System.arraycopy(text, 0, body, 0, text.length);
    System.arraycopy(tail, 0, body, text.length, tail.length);
    return body;
  }

  /** What {@link #plain} says, gzip-compressed: only the tail is compressed now. */
  public byte[] gzip(byte[] tail) {
    byte[] end = deflate(tail, true);
    CRC32 crc = new CRC32();
    crc.update(text);
    crc.update(tail);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(GZIP_HEADER.length + deflated.length + end.length + 8);
    out.writeBytes(GZIP_HEADER);
    out.writeBytes(deflated);
    out.writeBytes(end);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, text.length + tail.length);
    return out.toByteArray();
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

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
