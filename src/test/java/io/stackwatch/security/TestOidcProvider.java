package io.stackwatch.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID provider on the JDK's HTTP server, for tests: discovery document, JWKS, and a
 * token endpoint that hands out signed ID and access tokens for one authorization code, but only to
 * the client that proves the client secret. Also holds the secrets of the run, configured the way
 * an operator would: the database password from (simulated) Secrets Manager, the OIDC client secret
 * and an external id from plain settings.
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {

  static final String CLIENT_ID = "stackwatch";
  static final String CLIENT_SECRET = "oidc-client-secret-7f3a91c2e5";
  static final String DB_PASSWORD = "db-password-2b8e66d04c";
  static final String EXTERNAL_ID = "external-id-9d41c7a3b0";
  static final String CODE = "the-authorization-code";
  static final String DB_URL = "jdbc:h2:mem:oidc-secrets;DB_CLOSE_DELAY=-1";

  /** Every secret value of the run, which no log line, page or error may show. */
  static final List<String> SECRETS = List.of(CLIENT_SECRET, DB_PASSWORD, EXTERNAL_ID);

  static volatile String issuer;
  static RsaJsonWebKey key;
  static final AtomicInteger tokenRequests = new AtomicInteger();
  static volatile List<String> codeFlowGroups = List.of("ops");

  private HttpServer server;
  private Connection database;

  @Override
  public Map<String, String> start() {
    try {
      key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("test-key");
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
      server.createContext("/realm/.well-known/openid-configuration", this::discovery);
      server.createContext("/realm/jwks", this::jwks);
      server.createContext("/realm/token", this::token);
      server.start();
      // The database exists with this password: stackwatch gets in only if it read it from
      // Secrets Manager.
      // The driver named, not looked up: DriverManager knows only the drivers of the class loader
      // that registered them first, which an application started earlier in this JVM may have.
      java.util.Properties login = new java.util.Properties();
      login.setProperty("user", "stackwatch");
      login.setProperty("password", DB_PASSWORD);
      database = new org.h2.Driver().connect(DB_URL, login);
    } catch (IOException | JoseException | SQLException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> config = new HashMap<>();
    config.put("stackwatch.auth.mode", "oidc");
    config.put("quarkus.oidc.auth-server-url", issuer);
    config.put("quarkus.oidc.client-id", CLIENT_ID);
    config.put("quarkus.oidc.credentials.secret", CLIENT_SECRET);
    config.put("stackwatch.auth.oidc.roles.viewer", "readers");
    config.put("stackwatch.auth.oidc.roles.operator", "ops");
    config.put("stackwatch.auth.oidc.roles.admin", "platform-admins");
    config.put("stackwatch.store.jdbc-url", DB_URL);
    config.put("stackwatch.store.username", "stackwatch");
    config.put("stackwatch.store.password", "secretsmanager:stackwatch-store#password");
    config.put(
        "stackwatch.simulator.secrets.stackwatch-store",
        "{\"username\":\"stackwatch\",\"password\":\"" + DB_PASSWORD + "\"}");
    config.put("stackwatch.environments.dev.role-arn", "arn:aws:iam::000000000000:role/read");
    config.put("stackwatch.environments.dev.external-id", EXTERNAL_ID);
    config.put("quarkus.log.file.enabled", "true");
    config.put("quarkus.log.file.path", "target/oidc-secrets-test.log");
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    try {
      if (database != null) {
        database.close();
      }
    } catch (SQLException e) {
      // closing an in-memory database at the end of the tests
    }
  }

  /** A token for someone in these groups, signed by the provider's key (or another). */
  static String token(String user, List<String> groups, boolean signedByProvider) {
    try {
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(issuer);
      claims.setAudience(CLIENT_ID);
      claims.setSubject(user + "-id");
      claims.setClaim("preferred_username", user);
      claims.setStringListClaim("groups", groups);
      claims.setIssuedAtToNow();
      claims.setExpirationTimeMinutesInTheFuture(10);
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      RsaJsonWebKey signer = signedByProvider ? key : RsaJwkGenerator.generateJwk(2048);
      signer.setKeyId("test-key");
      jws.setKey(signer.getPrivateKey());
      jws.setKeyIdHeaderValue(signer.getKeyId());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(HttpExchange x) throws IOException {
    send(
        x,
        200,
        "{\"issuer\":\""
            + issuer
            + "\",\"jwks_uri\":\""
            + issuer
            + "/jwks\",\"token_endpoint\":\""
            + issuer
            + "/token\",\"authorization_endpoint\":\""
            + issuer
            + "/authorize\",\"response_types_supported\":[\"code\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
  }

  private void jwks(HttpExchange x) throws IOException {
    send(x, 200, "{\"keys\":[" + key.toJson() + "]}");
  }

  private void token(HttpExchange x) throws IOException {
    tokenRequests.incrementAndGet();
    String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = x.getRequestHeaders().getFirst("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    boolean secretInForm =
        form.contains("client_secret=" + CLIENT_SECRET) && form.contains("client_id=" + CLIENT_ID);
    if (!expected.equals(auth) && !secretInForm) {
      send(x, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    if (!form.contains("code=" + CODE)) {
      send(x, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    String t = token("carol", codeFlowGroups, true);
    send(
        x,
        200,
        "{\"access_token\":\""
            + t
            + "\",\"id_token\":\""
            + t
            + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
  }

  private static void send(HttpExchange x, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }
}
