package io.stackwatch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class RenderCacheTest {

  @Test
  void manyRequestsAtOnceRenderOnce() throws Exception {
    RenderCache<String> cache = new RenderCache<>(Duration.ofMinutes(1));
    AtomicInteger renders = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get(
                      "/",
                      () -> {
                        sleep(50);
                        return "page " + renders.incrementAndGet();
                      });
                }));
      }
      start.countDown();
      for (Future<String> answer : answers) {
        assertThat(answer.get()).isEqualTo("page 1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(renders).hasValue(1);
  }

  @Test
  void aRenderingOfAnEarlierSourceIsRenderedAgainAtOnce() {
    Object[] snapshot = {new Object()};
    RenderCache<String> cache = new RenderCache<>(Duration.ofMinutes(1), () -> snapshot[0]);
    AtomicInteger renders = new AtomicInteger();
    assertThat(cache.get("/", () -> "page " + renders.incrementAndGet())).isEqualTo("page 1");
    assertThat(cache.get("/", () -> "page " + renders.incrementAndGet())).isEqualTo("page 1");
    snapshot[0] = new Object(); // a poll published
    assertThat(cache.get("/", () -> "page " + renders.incrementAndGet())).isEqualTo("page 2");
    assertThat(cache.get("/", () -> "page " + renders.incrementAndGet())).isEqualTo("page 2");
  }

  @Test
  void aRenderingOlderThanTheMaxAgeIsRenderedAgainAndKeysAreApart() throws Exception {
    RenderCache<String> cache = new RenderCache<>(Duration.ofMillis(200));
    AtomicInteger renders = new AtomicInteger();
    assertThat(cache.get("/a", () -> "a" + renders.incrementAndGet())).isEqualTo("a1");
    assertThat(cache.get("/a", () -> "a" + renders.incrementAndGet())).isEqualTo("a1");
    assertThat(cache.get("/b", () -> "b" + renders.incrementAndGet())).isEqualTo("b2");
    Thread.sleep(250);
    assertThat(cache.get("/a", () -> "a" + renders.incrementAndGet())).isEqualTo("a3");
  }

  @Test
  void whileAKeyIsRenderedAgainOthersGetTheRenderingItReplaces() throws Exception {
    RenderCache<String> cache = new RenderCache<>(Duration.ofMillis(200));
    assertThat(cache.get("/", () -> "old")).isEqualTo("old");
    Thread.sleep(250);
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> renderer =
          pool.submit(
              () ->
                  cache.get(
                      "/",
                      () -> {
                        rendering.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return "new";
                      }));
      rendering.await();
      assertThat(cache.get("/", () -> "not asked")).isEqualTo("old");
      release.countDown();
      assertThat(renderer.get()).isEqualTo("new");
      assertThat(cache.get("/", () -> "not asked")).isEqualTo("new");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMaxAgeOfZeroRendersEveryTime() {
    RenderCache<String> cache = new RenderCache<>(Duration.ZERO);
    AtomicInteger renders = new AtomicInteger();
    cache.get("/", () -> "x" + renders.incrementAndGet());
    assertThat(cache.get("/", () -> "x" + renders.incrementAndGet())).isEqualTo("x2");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
