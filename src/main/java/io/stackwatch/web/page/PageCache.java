package io.stackwatch.web.page;

import io.quarkus.qute.TemplateInstance;
import io.stackwatch.snapshot.RenderCache;
import io.stackwatch.snapshot.RenderConfig;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The pages that are the same for every viewer, rendered at most once per {@code
 * stackwatch.render.max-age} and once per published snapshot, and served as bytes (see {@link
 * RenderCache}).
 */
@Singleton
class PageCache {

  private final RenderCache<byte[]> pages;

  PageCache(RenderConfig config, Snapshots snapshots) {
    this.pages = new RenderCache<>(config.maxAge(), snapshots::current);
  }

  /** The page under this key (a path the caller has validated), rendered if due. */
  Response html(String key, Supplier<TemplateInstance> page) {
    byte[] body = pages.get(key, () -> page.get().render().getBytes(StandardCharsets.UTF_8));
    return Response.ok(body, "text/html;charset=UTF-8").build();
  }
}
