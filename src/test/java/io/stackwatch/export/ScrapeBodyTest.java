package io.stackwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class ScrapeBodyTest {

  @Test
  void theGzipBodyIsOneMemberThatInflatesToThePlainOneWithItsChecksumRight() throws IOException {
    GaugeMetricFamily cpu =
        new GaugeMetricFamily("aws_rds_cpuutilization_average", "CPU", List.of("environment"));
    for (int i = 0; i < 2_000; i++) {
      cpu.addMetric(List.of("env-" + i), i * 0.37);
    }
    List<MetricFamilySamples> families = new ArrayList<>(List.of(cpu));
    ScrapeBody body = ScrapeBody.render(families, TextFormat.CONTENT_TYPE_004);
    byte[] tail = "jvm_threads_live_threads 42.0\n".getBytes(StandardCharsets.UTF_8);

    byte[] plain = ByteBufUtil.getBytes(body.plain(tail));
    String text = new String(plain, StandardCharsets.UTF_8);
    assertThat(text).contains("aws_rds_cpuutilization_average{environment=\"env-1999\",}");
    assertThat(text).endsWith("jvm_threads_live_threads 42.0\n");
    // GZIPInputStream checks the trailer: the CRC-32 and the length of the whole text.
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(ByteBufUtil.getBytes(body.gzip(tail))))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void aChecksumExtendedByMoreBytesIsTheChecksumOfAllTheBytes() {
    byte[] first = "stackwatch_info{source=\"simulator\"} 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] more = new byte[300];
    for (int i = 0; i < more.length; i++) {
      more[i] = (byte) (i * 7);
    }
    CRC32 all = new CRC32();
    all.update(first);
    all.update(more);
    CRC32 head = new CRC32();
    head.update(first);

    assertThat(ScrapeBody.crc32((int) head.getValue(), more)).isEqualTo((int) all.getValue());
    assertThat(ScrapeBody.crc32(0, new byte[0])).isZero();
  }
}
