package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers GetMetricData. All datapoints of all queries form one sequence, query after query; a
 * response carries a window of at most the page size of that sequence and a NextToken for the rest.
 * A query appears in every page that holds some of its points (StatusCode PartialData while more
 * follow), and a query with no points at all appears once, empty, on the first page.
 */
final class GetMetricDataAction {

  private final Clock clock;
  private final MetricModel model;
  private final Scenarios scenarios;
  private final QueryProtocol protocol;
  private volatile int pageSize = MetricDataRequest.MAX_DATAPOINTS;

  GetMetricDataAction(Clock clock, MetricModel model, Scenarios scenarios, QueryProtocol protocol) {
    this.clock = clock;
    this.model = model;
    this.scenarios = scenarios;
    this.protocol = protocol;
  }

  void pageSize(int datapoints) {
    if (datapoints < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + datapoints);
    }
    pageSize = datapoints;
  }

  /** A query's datapoints: {@code count} period-aligned timestamps from {@code first}. */
  private record Timeline(
      MetricStatQuery query, ModelSeries series, long first, long last, long count) {

    long timestamp(long index, boolean ascending) {
      return ascending ? first + index * query.period() : last - index * query.period();
    }
  }

  SimResponse answer(MetricDataRequest request) {
    return answer(request, false);
  }

  /**
   * Half of the first page, every result marked PartialData, no NextToken, and a message: as
   * CloudWatch answers when it could not finish in time.
   */
  SimResponse answerPartially(MetricDataRequest request) {
    return answer(request, true);
  }

  private SimResponse answer(MetricDataRequest request, boolean partial) {
    long newestStart = clock.instant().getEpochSecond();
    List<Timeline> timelines = new ArrayList<>(request.queries().size());
    for (MetricStatQuery query : request.queries()) {
      if (query.returnData()) {
        timelines.add(timeline(query, request, newestStart));
      }
    }
    long total = timelines.stream().mapToLong(Timeline::count).sum();
    long fingerprint = fingerprint(request);
    long offset = PageToken.offset(request.nextToken(), fingerprint, total);
    int limit = Math.min(request.maxDatapoints(), pageSize);
    long pageEnd = Math.min(total, offset + limit);
    if (partial) {
      pageEnd = offset + (pageEnd - offset) / 2;
    }
    long end = pageEnd;
    // About 80 bytes of XML per datapoint (timestamp and value members) and 150 per result.
    int sizeHint = (int) Math.min(50_000_000, 150L * timelines.size() + 90 * (end - offset));
    return protocol.result(
        "GetMetricData",
        sizeHint,
        xml -> {
          xml.open("MetricDataResults");
          Map<Long, String> formatted = new HashMap<>();
          long base = 0;
          for (Timeline timeline : timelines) {
            long from = Math.max(offset, base) - base;
            long to = Math.min(end, base + timeline.count()) - base;
            boolean emptyOnFirstPage = timeline.count() == 0 && offset == 0;
            if (from < to || emptyOnFirstPage || partial) {
              boolean more = partial || base + timeline.count() > end;
              write(xml, timeline, from, Math.max(from, to), request.ascending(), more, formatted);
            }
            base += timeline.count();
          }
          xml.close("MetricDataResults");
          if (partial) {
            xml.open("Messages")
                .open("member")
                .element("Code", "MaxQueryTimeRangeExceed")
                .element("Value", "The query could not be completed in time; data is partial.")
                .close("member")
                .close("Messages");
          } else {
            if (end < total) {
              xml.element("NextToken", PageToken.of(end, fingerprint));
            }
            xml.empty("Messages");
          }
        });
  }

  private Timeline timeline(MetricStatQuery query, MetricDataRequest request, long now) {
    ModelSeries series = model.series(query.metric());
    if (series == null) {
      return new Timeline(query, null, 0, 0, 0);
    }
    long period = query.period();
    Instant start = request.start();
    Instant end = request.end();
    // Timestamps t with start <= t < end whose period is complete (t + period <= now).
    long firstSecond = start.getEpochSecond() + (start.getNano() > 0 ? 1 : 0);
    long first = Math.floorDiv(firstSecond + period - 1, period) * period;
    long lastSecond = end.getNano() > 0 ? end.getEpochSecond() : end.getEpochSecond() - 1;
    long last = Math.floorDiv(Math.min(lastSecond, now - period), period) * period;
    long count = last >= first ? (last - first) / period + 1 : 0;
    return new Timeline(query, scenarios.apply(series), first, last, count);
  }

  private static void write(
      XmlWriter xml,
      Timeline timeline,
      long from,
      long to,
      boolean ascending,
      boolean more,
      Map<Long, String> formatted) {
    MetricStatQuery query = timeline.query();
    xml.open("member").element("Id", query.id()).element("Label", query.label());
    if (from == to) {
      xml.empty("Timestamps").empty("Values");
    } else {
      xml.open("Timestamps");
      for (long i = from; i < to; i++) {
        long t = timeline.timestamp(i, ascending);
        // Queries of one request mostly share their timestamps: format each once.
        xml.element(
            "member", formatted.computeIfAbsent(t, s -> Instant.ofEpochSecond(s).toString()));
      }
      xml.close("Timestamps").open("Values");
      for (long i = from; i < to; i++) {
        long t = timeline.timestamp(i, ascending);
        xml.element("member", timeline.series().value(query.stat(), query.period(), t));
      }
      xml.close("Values");
    }
    xml.element("StatusCode", more ? "PartialData" : "Complete").close("member");
  }

  /** Identifies the request apart from its NextToken, so a token only resumes the same request. */
  private static long fingerprint(MetricDataRequest request) {
    long h = Noise.hash(0, request.start() + "/" + request.end() + "/" + request.ascending());
    h = Noise.mix(h ^ request.maxDatapoints());
    for (MetricStatQuery q : request.queries()) {
      h = Noise.hash(h, q.id());
      h = Noise.hash(h, q.metric().namespace());
      h = Noise.hash(h, q.metric().metricName());
      for (MetricDimension d : q.metric().dimensions()) {
        h = Noise.hash(Noise.hash(h, d.name()), d.value());
      }
      h = Noise.mix(h ^ q.period() ^ ((long) q.stat().kind().ordinal() << 32));
      h = Noise.mix(h ^ Double.doubleToLongBits(q.stat().percentile()) ^ (q.returnData() ? 1 : 0));
    }
    return h;
  }
}
