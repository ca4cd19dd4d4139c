package io.stackwatch.snapshot;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps each rendering of a page or a scrape for at most a max-age, and renders a key once however
 * many requests ask for it at the same moment: while one request renders a key again, the others
 * are served the rendering it replaces, so only the very first request of a key ever waits. Pages
 * and scrapes read what the last poll stored, which changes once a poll; only the "seconds ago"
 * moves in between, so a rendering a second old is as true as a new one, and a hundred viewers cost
 * one rendering a second instead of a hundred. Given the source renderings are made from (the
 * current snapshot), a rendering of an older source is rendered again at the next request, however
 * young: a poll's numbers are on the pages as soon as it is published.
 *
 * <p>Only what is the same for every viewer goes through it (no form tokens, nothing per user), and
 * only under keys the caller has validated, so the number of keys stays bounded. A max-age of zero
 * renders every time.
 */
public final class RenderCache<T> {

  private record Rendered<T>(long atNanos, Object source, T value) {}

  private final long maxAgeNanos;
  private final Supplier<?> source;
  private final Map<String, Rendered<T>> rendered = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public RenderCache(Duration maxAge) {
    this(maxAge, () -> null);
  }

  /**
   * @param source what renderings are made from, compared by identity: a rendering made from
   *     another is not kept
   */
  public RenderCache(Duration maxAge, Supplier<?> source) {
    this.maxAgeNanos = maxAge.toNanos();
    this.source = source;
  }

  /**
   * The rendering of this key, rendered now only if the kept one is older than the max-age or made
   * from another source.
   */
  public T get(String key, Supplier<T> render) {
    if (maxAgeNanos <= 0) {
      return render.get();
    }
    Object from = source.get();
    Rendered<T> kept = rendered.get(key);
    if (fresh(kept, from)) {
      return kept.value();
    }
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    if (kept == null) {
      lock.lock();
    } else if (!lock.tryLock()) {
      return kept.value(); // being rendered again by another request
    }
    try {
      kept = rendered.get(key);
      if (fresh(kept, from)) {
        return kept.value();
      }
      T value = render.get();
      rendered.put(key, new Rendered<>(System.nanoTime(), from, value));
      return value;
    } finally {
      lock.unlock();
    }
  }

  private boolean fresh(Rendered<T> kept, Object from) {
    return kept != null
        && kept.source() == from
        && System.nanoTime() - kept.atNanos() < maxAgeNanos;
  }
}
