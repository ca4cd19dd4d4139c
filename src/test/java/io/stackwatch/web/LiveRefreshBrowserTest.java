package io.stackwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A tab opened at start, before the first poll, in a real browser: it shows the numbers by itself
 * once the poll is in, without anyone reloading it. An application of its own, so that no earlier
 * test has polled.
 */
@QuarkusTest
@TestProfile(LiveRefreshBrowserTest.FirstStart.class)
class LiveRefreshBrowserTest {

  /** A fresh application: nothing polled yet. */
  public static class FirstStart implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of();
    }
  }

  static final Pattern NUMBERS = Pattern.compile("DB CPU\\s+[0-9.]+ %");

  @Inject PollJob job;
  @Inject TestClock clock;

  @TestHTTPResource("/")
  URL base;

  ChromeDriver browser;

  @BeforeEach
  void start() {
    browser = BrowserTest.chromium();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aTabOpenedBeforeTheFirstPollShowsItsNumbersAfterItWithoutAReload() {
    browser.get(base.toString());
    String prod = "section[aria-labelledby=env-prod]";
    assertThat(card(prod)).contains("DB CPU").doesNotContainPattern(NUMBERS);
    browser.executeScript("window.openedOnce = true");

    clock.advance(Duration.ofMinutes(5));
    job.run();

    // The page asks again within a second while it has no data; a margin for a busy machine.
    new WebDriverWait(browser, Duration.ofSeconds(5), BrowserTest.POLL)
        .until(b -> NUMBERS.matcher(card(prod)).find());
    assertThat(browser.executeScript("return window.openedOnce")).isEqualTo(true);
  }

  private String card(String selector) {
    return browser.findElement(org.openqa.selenium.By.cssSelector(selector)).getText();
  }
}
