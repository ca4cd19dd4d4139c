package io.stackwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP entry point answers bad input with a 4xx and a message, never a 5xx or a stack trace.
 * The routes are not listed here: they are found by reflection over every JAX-RS resource class
 * under {@code io.stackwatch} ({@code @Path} with {@code @GET}, {@code @POST}, ...), so a route
 * added later is covered without touching this test. Each gets hostile path segments, query
 * parameters (declared and unknown), form and JSON bodies, oversized values and wrong content
 * types.
 */
@QuarkusTest
class BadInputTest {

  /** Values that have broken servers: traversal, markup, SQL, control and odd Unicode, size. */
  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "../../../../etc/passwd",
          "..%2F..%2Fetc",
          "<script>alert(1)</script>",
          "' OR '1'='1' --",
          "%00",
          "\u0000",
          "\r\nSet-Cookie: x=1",
          "%ZZ",
          "{\"a\":",
          "-1",
          "99999999999999999999999999",
          "NaN",
          "\u202e\ud83d\udca5\u00e9",
          "x".repeat(10_000),
          "/".repeat(200),
          "${jndi:ldap://127.0.0.1/a}",
          "{#for x in 1..9999999}{x}{/for}");

  static final List<String> BODIES =
      List.of(
          "",
          "{",
          "[]",
          "null",
          "{\"a\":" + "[".repeat(5_000),
          "<xml><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x></xml>",
          "a=" + "%".repeat(100),
          "{\"x\":\"" + "y".repeat(2_000_000) + "\"}");

  static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/x-www-form-urlencoded",
          "text/plain",
          "application/xml",
          "multipart/form-data; boundary=x",
          "garbage/\u00e9;;;");

  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
  private static final Pattern STACK_TRACE =
      Pattern.compile(
          "(\\tat |\\bat (java|jakarta|io|org|com|sun)\\.[\\w.$]+\\(|Exception:|Caused by:"
              + "|java\\.lang\\.|NullPointerException)");

  @TestHTTPResource("/")
  URI base;

  final HttpClient http =
      HttpClient.newBuilder()
          // Plain HTTP/1.1, as browsers and scripts speak to stackwatch: no h2c upgrade dance.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** One route: an HTTP method, a path template and what its resource method reads. */
  record Route(
      String method,
      String template,
      List<String> pathParams,
      List<String> queryParams,
      List<String> formParams,
      List<String> consumes) {}

  @Test
  void noRouteAnswersBadInputWithA5xxOrAStackTrace() throws Exception {
    List<Route> routes = routes();
    // The routes this project had when the test was written are found: the discovery works.
    assertThat(routes)
        .extracting(Route::template)
        .contains(
            "/",
            "/environments/{name}",
            "/alarms/{environment}/{id}",
            "/api/environments/{name}",
            "/api/alarms/{environment}/{id}/history",
            "/cost",
            "/notifications",
            "/api/status");

    List<Probe> probes = new ArrayList<>();
    for (Route r : routes) {
      List<String> uris = uris(r);
      if (!r.method().equals("GET")) {
        // Every body in every content type on the route's plain URI; a hostile URI gets none and
        // the route's form: each reaches a different part of the server, the product would not.
        for (String type : CONTENT_TYPES) {
          for (String body : BODIES) {
            probes.add(new Probe(r.method(), uris.get(0), type, body));
          }
        }
      }
      for (String uri : uris) {
        probes.add(new Probe(r.method(), uri, null, null));
        if (!r.method().equals("GET")) {
          probes.add(new Probe(r.method(), uri, "application/x-www-form-urlencoded", form(r)));
        } else {
          // A GET route asked with another method, and with a body it does not take.
          probes.add(new Probe("POST", uri, "application/json", "{"));
          probes.add(new Probe("DELETE", uri, null, null));
        }
      }
    }
    // A few requests at a time, as browsers and scripts send them: the machine's cores are used,
    // and every request is still sent and checked.
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENT);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (Probe p : probes) {
        sent.add(
            senders.submit(
                () -> {
                  check(p.method(), p.uri(), p.type(), p.body(), problems);
                  return null;
                }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdownNow();
    }
    System.out.printf("Bad input: %d routes, %d requests%n", routes.size(), probes.size());
    assertThat(problems).as("answers with a 5xx or a stack trace").isEmpty();
  }

  /** Requests in flight at once. */
  static final int CONCURRENT = 4;

  /** One request: method, URI, and the content type and body it carries, if any. */
  record Probe(String method, String uri, String type, String body) {}

  private void check(String method, String uri, String type, String body, List<String> problems)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    String shown = uri.length() > 120 ? uri.substring(0, 120) + "..." : uri;
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      return; // a header value the client itself refuses to send
    } catch (java.net.http.HttpTimeoutException e) {
      problems.add(method + " " + shown + " (" + type + ") -> no answer within 10 s");
      return;
    } catch (IOException e) {
      problems.add(
          method + " " + shown + " (" + type + ") -> connection dropped: " + e.getMessage());
      return;
    }
    if (response.statusCode() >= 500) {
      problems.add(method + " " + shown + " (" + type + ") -> " + response.statusCode());
    }
    Matcher m = STACK_TRACE.matcher(response.body());
    if (m.find()) {
      problems.add(method + " " + shown + " (" + type + ") -> stack trace: " + m.group());
    }
  }

  /** The route with each path parameter in turn, and each query parameter, made hostile. */
  private List<String> uris(Route r) {
    Set<String> out = new LinkedHashSet<>();
    String plain = fill(r.template(), null, "prod");
    out.add(root() + plain);
    for (String hostile : HOSTILE) {
      String v = encode(hostile);
      for (String p : r.pathParams()) {
        out.add(root() + fill(r.template(), p, v));
      }
      List<String> params = new ArrayList<>(r.queryParams());
      params.add("unknown");
      for (String q : params) {
        out.add(root() + plain + "?" + q + "=" + v);
      }
      out.add(root() + plain + "?" + v);
    }
    // Oddities of the query string itself, and an extra path segment.
    out.add(root() + plain + "?a=%25ZZ&&=&b");
    out.add(root() + plain + (plain.endsWith("/") ? "" : "/") + encode("<x>"));
    return new ArrayList<>(out);
  }

  private String form(Route r) {
    List<String> fields = new ArrayList<>(r.formParams());
    fields.add("unknown");
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (String f : fields) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(f).append('=').append(encode(HOSTILE.get(i++ % HOSTILE.size())));
    }
    return sb.toString();
  }

  private static String fill(String template, String param, String value) {
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = m.group(1).trim().equals(param) ? value : "prod";
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String root() {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Every route of every resource class compiled from src/main under io.stackwatch. */
  static List<Route> routes() throws IOException, ClassNotFoundException {
    java.nio.file.Path classes = Paths.get("target/classes");
    List<Route> routes = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/stackwatch"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, BadInputTest.class.getClassLoader());
        Path classPath = type.getAnnotation(Path.class);
        for (Method method : type.getDeclaredMethods()) {
          String verb = verb(method);
          if (verb == null || (classPath == null && method.getAnnotation(Path.class) == null)) {
            continue;
          }
          String template =
              join(
                  classPath == null ? "" : classPath.value(),
                  method.getAnnotation(Path.class) == null
                      ? ""
                      : method.getAnnotation(Path.class).value());
          List<String> pathParams = new ArrayList<>();
          Matcher m = TEMPLATE.matcher(template);
          while (m.find()) {
            pathParams.add(m.group(1).trim());
          }
          List<String> query = new ArrayList<>();
          List<String> form = new ArrayList<>();
          for (Parameter p : method.getParameters()) {
            named(p, QueryParam.class, RestQuery.class).ifPresent(query::add);
            named(p, FormParam.class, RestForm.class).ifPresent(form::add);
          }
          Consumes consumes = method.getAnnotation(Consumes.class);
          routes.add(
              new Route(
                  verb,
                  template,
                  pathParams,
                  query,
                  form,
                  consumes == null ? List.of() : List.of(consumes.value())));
        }
      }
    }
    return routes;
  }

  private static java.util.Optional<String> named(
      Parameter p, Class<? extends Annotation> jaxrs, Class<? extends Annotation> rest) {
    Annotation a = p.getAnnotation(jaxrs);
    if (a instanceof QueryParam q) {
      return java.util.Optional.of(q.value());
    }
    if (a instanceof FormParam f) {
      return java.util.Optional.of(f.value());
    }
    Annotation r = p.getAnnotation(rest);
    if (r instanceof RestQuery q) {
      return java.util.Optional.of(q.value().isEmpty() ? p.getName() : q.value());
    }
    if (r instanceof RestForm f) {
      return java.util.Optional.of(f.value().isEmpty() ? p.getName() : f.value());
    }
    return java.util.Optional.empty();
  }

  private static String verb(Method m) {
    if (m.isAnnotationPresent(GET.class)) {
      return "GET";
    }
    if (m.isAnnotationPresent(POST.class)) {
      return "POST";
    }
    if (m.isAnnotationPresent(PUT.class)) {
      return "PUT";
    }
    if (m.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    if (m.isAnnotationPresent(PATCH.class)) {
      return "PATCH";
    }
    return null;
  }

  private static String join(String a, String b) {
    String s = ("/" + a + "/" + b).replaceAll("/+", "/");
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
