package io.stackwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for AWS that the real SDK clients talk to over HTTP. It listens on
 * 127.0.0.1 and routes each request by the service named in its SigV4 credential scope ({@code
 * monitoring} is CloudWatch, {@code tagging} the Resource Groups Tagging API; {@code ce}, {@code
 * sns}, {@code sqs}, {@code logs}, {@code ec2}, {@code rds}, {@code secretsmanager}, {@code sts}).
 * Every answer, faulted or not, goes to the {@link CallLog}, before a slow answer is held.
 *
 * <pre>{@code
 * try (AwsSimulator sim = AwsSimulator.start(0, Clock.systemUTC(), 42)) {
 *   CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(sim.endpoint())...build();
 * }
 * }</pre>
 */
public final class AwsSimulator implements AutoCloseable {

  private static final int THREADS = 8;

  static {
    // The JDK's server writes an answer's headers and its body apart; with Nagle's algorithm on,
    // the body then waits for the client's delayed ACK of the headers, 40 ms a call on Linux, a
    // delay no AWS endpoint has. The JDK reads this once, when its first server starts (the test
    // JVMs set it on their command line, as their own servers may start first).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final CallLog calls = new CallLog();
  private final Faults faults = new Faults();
  private final Identities identities = new Identities();
  private final CloudWatchHandler cloudWatch;
  private final CostExplorerHandler costExplorer;
  private final SnsHandler sns;
  private final SimulatedStack stack;
  private final LogsHandler logs;
  private final SecretsManagerHandler secretsManager = new SecretsManagerHandler();
  private final StsHandler sts;
  private final TaggingHandler tagging;
  private final Map<String, ServiceHandler> services = new HashMap<>();

  private AwsSimulator(HttpServer server, Clock clock, long seed) {
    this.server = server;
    this.clock = clock;
    this.sns = new SnsHandler(clock, identities);
    this.stack = new SimulatedStack(clock, identities, sns);
    this.cloudWatch = new CloudWatchHandler(clock, seed, stack);
    this.costExplorer = new CostExplorerHandler(clock, seed);
    this.logs = new LogsHandler(stack);
    this.sts = new StsHandler(clock, identities);
    this.tagging = new TaggingHandler(clock, stack, sns, identities);
    // One line per simulated service, keyed by its SigV4 signing name.
    services.put("monitoring", cloudWatch);
    services.put("ce", costExplorer);
    services.put("sns", sns);
    services.put("logs", logs);
    services.put("ec2", new Ec2Handler(stack));
    services.put("rds", new RdsHandler(stack));
    services.put("secretsmanager", secretsManager);
    services.put("sts", sts);
    services.put("tagging", tagging);
    services.put("sqs", new SqsHandler(stack));

    this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::serve);
  }

  /**
   * Starts a simulator.
   *
   * @param port TCP port on 127.0.0.1; 0 picks a free one
   * @param clock the simulator's notion of now: the newest datapoint it serves is the last complete
   *     period before it
   * @param seed makes the generated metric values reproducible
   */
  public static AwsSimulator start(int port, Clock clock, long seed) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      AwsSimulator simulator = new AwsSimulator(server, clock, seed);
      server.start();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the AWS simulator on port " + port, e);
    }
  }

  /** The base URI to give SDK clients as {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The CloudWatch service and its controls (paging, registered metrics, scenarios). */
  public CloudWatchHandler cloudWatch() {
    return cloudWatch;
  }

  /** The Cost Explorer service and its controls (paging, scenarios, failure switches). */
  public CostExplorerHandler costExplorer() {
    return costExplorer;
  }

  /** The SNS service: its topics and every message published. */
  public SnsHandler sns() {
    return sns;
  }

  /**
   * The stack's resources per environment, in a naming style, as the tagging API, CloudWatch, EC2,
   * RDS and CloudWatch Logs describe them, planted findings included.
   */
  public SimulatedStack stack() {
    return stack;
  }

  /** The Resource Groups Tagging API and its switches (services it lacks, short pages). */
  public TaggingHandler tagging() {
    return tagging;
  }

  /** The CloudWatch Logs service and its paging control. */
  public LogsHandler logs() {
    return logs;
  }

  /** The Secrets Manager service: the secrets it holds. */
  public SecretsManagerHandler secretsManager() {
    return secretsManager;
  }

  /**
   * The STS service: AssumeRole for any well-formed role ARN, GetCallerIdentity, and the account of
   * the base credentials.
   */
  public StsHandler sts() {
    return sts;
  }

  public CallLog calls() {
    return calls;
  }

  public Faults faults() {
    return faults;
  }

  /** Stops listening at once; requests in flight (a delay fault's sleep) are interrupted. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      Instant at = clock.instant();
      SimRequest request = read(exchange);
      String service = request.service();
      ServiceHandler handler = service == null ? null : services.get(service);
      SimResponse response;
      String operation = "";
      int queries = 0;
      Duration answerTime = Duration.ZERO;
      if (handler == null) {
        response = unknownService(service);
      } else {
        try {
          operation = handler.operation(request);
          queries = handler.queries(request);
          response = answer(handler, request, faults.take(service, operation, request.body()));
          if (response.status() < 300) {
            answerTime = handler.answerTime(request);
          }
        } catch (ServiceException e) {
          response = handler.error(e.error()); // e.g. a body that is not a valid form
        } catch (RuntimeException e) {
          response = handler.error(ServiceError.internalFailure("simulator failure: " + e));
        }
      }
      calls.record(
          new CallLog.Call(
              at,
              service == null ? "" : service,
              operation,
              response.status(),
              queries,
              response.errorCode(),
              answerTime));
      if (!answerTime.isZero()) {
        hold(handler, request);
      }
      write(exchange, response);
    } catch (IOException e) {
      // The client went away (e.g. it timed out during a delay fault): nobody to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  /**
   * Holds an answer for its answer time, re-reading the setting as it waits so lowering it releases
   * the answer. The handler bounds the time, since HttpServer cannot tell that a client gave up.
   */
  private static void hold(ServiceHandler handler, SimRequest request) throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long left = handler.answerTime(request).toNanos() - (System.nanoTime() - start);
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
    }
  }

  private SimResponse answer(ServiceHandler handler, SimRequest request, Faults.Fault fault)
      throws InterruptedException {
    if (fault != null) {
      switch (fault.kind()) {
        case THROTTLE -> {
          return handler.error(handler.throttlingError());
        }
        case SERVER_ERROR -> {
          return handler.error(handler.serverError());
        }
        case DELAY -> Thread.sleep(fault.delay().toMillis());
        case MALFORMED -> {
          return handle(handler, request).truncated();
        }
        case GARBAGE -> {
          return new SimResponse(
              200,
              "text/html",
              "<html><body><h1>502 Bad Gateway</h1>upstream closed</body></html>",
              "Garbage");
        }
        case EMPTY -> {
          return handler.empty(handler.operation(request));
        }
        case PARTIAL_DATA -> {
          return handler.partial(request);
        }
        case REJECT -> {
          return handler.error(
              ServiceError.sender(
                  "InvalidParameterValue",
                  "The request was refused: a parameter is not valid for this operation."));
        }
        case BARE_SERVER_ERROR -> {
          return new SimResponse(500, "text/plain", "", null);
        }
        case PROXY_ERROR -> {
          return new SimResponse(
              502,
              "text/html",
              "<html>\n<head><title>502 Bad Gateway</title></head>\n"
                  + "<body><h1>502 Bad Gateway</h1></body>\n</html>\n",
              null);
        }
        case ACCESS_DENIED -> {
          return handler.error(
              new ServiceError(
                  403,
                  "Sender",
                  "AccessDenied",
                  "User is not authorized to perform: " + handler.operation(request)));
        }
      }
    }
    return handle(handler, request);
  }

  private static SimResponse handle(ServiceHandler handler, SimRequest request) {
    try {
      return handler.handle(request);
    } catch (ServiceException e) {
      return handler.error(e.error());
    } catch (RuntimeException e) {
      return handler.error(ServiceError.internalFailure("simulator failure: " + e));
    }
  }

  private SimResponse unknownService(String service) {
    String message =
        service == null
            ? "The request has no SigV4 Authorization header naming a service"
            : "The AWS simulator does not simulate service '"
                + service
                + "'; it knows "
                + List.copyOf(services.keySet());
    return QueryProtocol.errorResponse(null, ServiceError.sender("UnknownService", message));
  }

  private static SimRequest read(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    return new SimRequest(
        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    // 0 would mean "chunked" to HttpServer; -1 is its way to say "no body".
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "aws-simulator-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
