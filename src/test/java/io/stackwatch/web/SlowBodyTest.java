package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients that send a form's body a byte at a time (or never finish it) are cut off after the body
 * timeout with a 408, and the pages answer meanwhile.
 */
@QuarkusTest
@TestProfile(SlowBodyTest.ShortBodyTimeout.class)
class SlowBodyTest {

  /** A body timeout a test can wait out: 300 ms. */
  public static class ShortBodyTimeout implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.http.body-timeout", "300ms");
    }
  }

  @TestHTTPResource("/")
  URI root;

  @Test
  void slowBodiesAreCutOffWith408AndThePagesAnswerMeanwhile() throws Exception {
    given().get("/").then().statusCode(200); // rendered once, as a warm instance has
    List<Socket> slow = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < 50; i++) {
        Socket s = new Socket(root.getHost(), root.getPort());
        s.setSoTimeout(1000);
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /notifications/test HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nenvironment=pr")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s);
      }
      long t = System.nanoTime();
      given().get("/").then().statusCode(200);
      given().get("/q/health/live").then().statusCode(200);
      long pages = System.nanoTime() - t;

      int cut = 0;
      for (Socket s : slow) {
        String answer = readAll(s.getInputStream());
        if (answer.startsWith("HTTP/1.1 408")) {
          cut++;
        }
      }
      System.out.printf(
          "50 slow bodies: %d answered 408 within %d ms; / and /q/health/live meanwhile in %d"
              + " ms%n",
          cut, (System.nanoTime() - started) / 1_000_000, pages / 1_000_000);
      assertThat(cut).isEqualTo(50);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  /** What the server sends until it closes the connection (or a second passes: a failure). */
  private static String readAll(InputStream in) throws Exception {
    byte[] all = in.readAllBytes();
    return new String(all, StandardCharsets.US_ASCII);
  }
}
