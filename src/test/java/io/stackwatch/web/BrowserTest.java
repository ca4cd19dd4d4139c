package io.stackwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * What a person sees in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, no driver download) opens the overview and prod's page while a CPU spike fires
 * prod's database alarm, then every page at laptop and phone width; the browser console stays free
 * of errors; screenshots go to {@code target/screenshots/}. Skipped where Chromium is missing,
 * except under {@code CI=true}, where that fails.
 */
@QuarkusTest
class BrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  @Inject PollJob job;
  @Inject SimulatorBridge runtime;
  @Inject AlarmEngine alarms;
  @Inject TestClock clock;

  @TestHTTPResource("/")
  URL base;

  ChromeDriver browser;

  @BeforeEach
  void start() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present)
          .as("Chromium and chromedriver (Debian chromium, chromium-driver) are required in CI")
          .isTrue();
    } else {
      assumeTrue(present, "Chromium is not installed (Debian packages chromium, chromium-driver)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Root in a container has no sandbox to offer.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
    options.addArguments("--window-size=1280,2200", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theOverviewAndProdsPageShowTheFiringAlarmAndChartsWithoutConsoleErrors() throws IOException {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();
    assertThat(alarms.status("prod/rds-cpu-high").orElseThrow().state())
        .isEqualTo(AlarmState.ALARM);

    browser.get(url("/"));
    List<String> names =
        browser.findElements(By.cssSelector(".card h2 a")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(names).containsExactly("prod", "staging", "dev");
    WebElement prodCard = browser.findElement(By.cssSelector("section[aria-labelledby=env-prod]"));
    assertThat(prodCard.getAttribute("class")).contains("health-alarm");
    assertThat(prodCard.findElement(By.cssSelector("h2 .state")).getText())
        .isEqualTo("1 firing: Database CPU above 80 %");
    assertThat(prodCard.getText()).contains("DB CPU", "Maintenance");
    WebElement simulated = browser.findElement(By.cssSelector(".simulated-banner"));
    assertThat(simulated.isDisplayed()).isTrue();
    assertThat(simulated.getText()).startsWith("Simulated data.").contains("stackwatch.source=aws");
    screenshot("overview-laptop");

    browser.get(url("/environments/prod"));
    WebElement firing = browser.findElement(By.cssSelector("table.alarms"));
    assertThat(firing.findElement(By.tagName("caption")).getText()).isEqualTo("Firing now");
    assertThat(firing.getText()).contains("Database CPU above 80 %", "ALARM");
    List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
    assertThat(charts).hasSizeGreaterThan(30);
    assertThat(charts.get(0).getSize().getWidth()).isGreaterThan(250);
    WebElement cpu = browser.findElement(By.id("panel-db-cpu"));
    assertThat(cpu.findElements(By.cssSelector("line.threshold.sev-critical"))).isNotEmpty();
    assertThat(cpu.findElement(By.cssSelector(".legend .value")).getAttribute("class"))
        .contains("level-critical");
    // Keyboard: the first Tab stop is a link of the page.
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getTagName()).isEqualTo("a");
    screenshot("prod-laptop");

    browser.manage().window().setSize(new Dimension(390, 1600));
    browser.get(url("/"));
    screenshot("overview-phone");
    browser.get(url("/environments/prod"));
    long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
    screenshot("prod-phone");

    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  /**
   * Every page of the application, found as the bad-input test finds routes, at laptop and phone
   * width: a screenshot of each; on a phone no sideways scrolling, each table cell labelled with
   * its column, captions as wide as the page.
   */
  @Test
  void everyPageAtLaptopAndPhoneWidth() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    List<String> pages =
        BadInputTest.routes().stream()
            .filter(r -> r.method().equals("GET"))
            .map(BadInputTest.Route::template)
            .filter(t -> !t.startsWith("/api") && !t.startsWith("/q/") && !t.endsWith("live"))
            .map(
                t ->
                    t.replace("{name}", "prod")
                        .replace("{environment}", "prod")
                        .replace("{id}", "rds-cpu-high"))
            .distinct()
            .sorted()
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    // The alarm list as a working list: filtered in its URL.
    pages.add("/alarms?environment=prod&state=OK&severity=critical&q=database");
    assertThat(pages)
        .contains("/", "/alarms", "/cost", "/maintenance", "/maintenance/prod", "/notifications");
    List<String> shot = new ArrayList<>();
    for (String page : pages) {
      String file =
          page.equals("/") ? "overview" : page.substring(1).replaceAll("[^A-Za-z0-9]+", "-");
      browser.manage().window().setSize(new Dimension(1280, 2200));
      browser.get(url(page));
      screenshot("page-" + file + "-laptop");
      browser.manage().window().setSize(new Dimension(390, 1600));
      browser.get(url(page));
      screenshot("page-" + file + "-phone");
      shot.add(page);
      long overflow =
          (Long)
              browser.executeScript(
                  "return document.documentElement.scrollWidth"
                      + " - document.documentElement.clientWidth;");
      assertThat(overflow).as("sideways scrolling of %s on a phone", page).isLessThanOrEqualTo(0);
      @SuppressWarnings("unchecked")
      List<String> unlabelled =
          (List<String>)
              browser.executeScript(
                  "const out = [];"
                      + "for (const t of document.querySelectorAll('table')) {"
                      + "  if (!t.tHead) continue;"
                      + "  for (const c of t.querySelectorAll('tbody td, tbody th')) {"
                      + "    if (c.colSpan > 1) continue;"
                      + "    const before = getComputedStyle(c, '::before').content;"
                      + "    if (!before || before === 'none') out.push(c.textContent.trim());"
                      + "  }"
                      + "}"
                      + "return out;");
      assertThat(unlabelled).as("cells of %s without their column on a phone", page).isEmpty();
      // A caption squeezed into a narrow table wraps a word or two per line.
      @SuppressWarnings("unchecked")
      List<String> squeezed =
          (List<String>)
              browser.executeScript(
                  "return [...document.querySelectorAll('caption')]"
                      + ".filter(c => c.getClientRects().length > 0)"
                      + ".filter(c => {"
                      + "  const st = getComputedStyle(c);"
                      + "  const text = c.getBoundingClientRect().height"
                      + "    - parseFloat(st.paddingTop) - parseFloat(st.paddingBottom);"
                      + "  const lines = Math.round(text / parseFloat(st.lineHeight));"
                      + "  const words = c.textContent.trim().split(/\\s+/).length;"
                      + "  return lines > 1 && lines * 3 > words; })"
                      + ".map(c => c.textContent.trim());");
      assertThat(squeezed).as("captions of %s wrapped word by word on a phone", page).isEmpty();
    }
    System.out.println("Screenshots at laptop and phone width: " + String.join(", ", shot));
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
