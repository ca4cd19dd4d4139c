package io.stackwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

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

  /** How often a wait looks at the page again: not Selenium's half second, a chart draws sooner. */
  static final Duration POLL = Duration.ofMillis(50);

  @Inject PollJob job;
  @Inject SimulatorBridge runtime;
  @Inject AlarmEngine alarms;
  @Inject TestClock clock;

  @TestHTTPResource("/")
  URL base;

  ChromeDriver browser;

  @BeforeEach
  void start() {
    browser = chromium();
  }

  /**
   * Headless Chromium at laptop size, its console logged. A missing Chromium fails the test rather
   * than skipping it, as a missing promtool does: a browser test that never ran tells nothing.
   */
  static ChromeDriver chromium() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "Chromium and chromedriver are required (Debian packages chromium, chromium-driver;"
                + " .ci/run installs them)")
        .isTrue();
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
    return new ChromeDriver(service, options);
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
   * The interactive charts on prod's page while the CPU spike fires: 7 days and a custom window
   * render; hovering shows every series' value; dragging zooms and puts the window in the URL; the
   * previous period is drawn dashed beside the current one, and the alarm's transition is a marker
   * on the database CPU chart; no console errors; screenshots at laptop and phone width.
   */
  @Test
  void chartsNavigateZoomHoverCompareAndMarkTheAlarm() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    clock.advance(Duration.ofMinutes(5));
    job.run();
    assertThat(alarms.status("prod/rds-cpu-high").orElseThrow().state())
        .isEqualTo(AlarmState.ALARM);
    browser.manage().window().setSize(new Dimension(1280, 2200));

    browser.get(url("/environments/prod?range=7d"));
    WebElement cpu = interactive("panel-db-cpu");
    assertThat(cpu.findElement(By.cssSelector(".u-legend")).getText()).contains("Database CPU");
    assertThat(browser.findElement(By.cssSelector("nav.ranges a[aria-current=page]")).getText())
        .isEqualTo("7d");
    assertThat(browser.findElement(By.cssSelector(".window-label")).getText())
        .isEqualTo("last 7d, times in UTC");
    screenshot("charts-7d-laptop");

    // An hour, with the previous hour: hover shows the values, the alarm is marked.
    browser.get(url("/environments/prod?range=1h&compare=previous"));
    WebElement compared = interactive("panel-db-cpu");
    assertThat(compared.findElement(By.cssSelector(".u-legend")).getText())
        .contains("Database CPU (previous period)");
    WebElement marker = compared.findElement(By.cssSelector(".alarm-marker.to-alarm"));
    assertThat(marker.getAttribute("aria-label")).contains("OK → ALARM");
    WebElement over = compared.findElement(By.cssSelector(".u-over"));
    new Actions(browser).moveToElement(over, over.getSize().getWidth() / 4, 0).perform();
    System.out.println(
        "DEBUG cursor "
            + browser.executeScript(
                "var o = document.querySelector('#panel-db-cpu .u-over'); var r = o.getBoundingClientRect(); return JSON.stringify(r) + ' ' + document.querySelector('#panel-db-cpu .u-cursor-x').getAttribute('style') + ' ' + document.querySelector('#panel-db-cpu .u-legend').innerText;"));
    List<String> values =
        compared.findElements(By.cssSelector(".u-legend .u-value")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(values.get(0))
        .as("the time under the cursor")
        .matches("\\d+ [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d");
    assertThat(values.get(1)).as("the CPU under the cursor").matches("\\d+(\\.\\d+)? %");
    assertThat(values.get(2)).as("the CPU an hour earlier").matches("\\d+(\\.\\d+)? %");
    screenshot("charts-compare-laptop");

    // A drag across the chart zooms: the page moves to that window, written in the URL.
    new Actions(browser)
        .moveToElement(over, -over.getSize().getWidth() / 4, 0)
        .clickAndHold()
        .moveByOffset(over.getSize().getWidth() / 4, 0)
        .release()
        .perform();
    new WebDriverWait(browser, Duration.ofSeconds(10), POLL)
        .until(d -> d.getCurrentUrl().contains("from="));
    String zoomed = browser.getCurrentUrl();
    assertThat(zoomed).contains("from=").contains("&to=").contains("compare=previous");
    interactive("panel-db-cpu");
    assertThat(browser.findElement(By.cssSelector(".window-label")).getText()).endsWith("UTC");

    // A custom window given in the URL, as a colleague's link.
    Instant to = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    browser.get(url("/environments/prod?from=" + to.minus(Duration.ofHours(2)) + "&to=" + to));
    interactive("panel-db-cpu");
    assertThat(browser.findElement(By.cssSelector("a.earlier")).getAttribute("href"))
        .contains("from=" + to.minus(Duration.ofHours(4)));
    screenshot("charts-custom-laptop");

    browser.manage().window().setSize(new Dimension(390, 1600));
    browser.get(url("/environments/prod?range=1h&compare=previous"));
    interactive("panel-db-cpu");
    long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
    screenshot("charts-compare-phone");

    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  /** A panel once its interactive chart is drawn. */
  private WebElement interactive(String panelId) {
    new WebDriverWait(browser, Duration.ofSeconds(15), POLL)
        .until(d -> !d.findElements(By.cssSelector("#" + panelId + ".has-uplot canvas")).isEmpty());
    WebElement panel = browser.findElement(By.id(panelId));
    scroll(panel);
    return panel;
  }

  private void scroll(WebElement e) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
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

  /**
   * The issue's acceptance for {@code /alarms} on a phone (390 x 844): with filters in the URL, the
   * rows are exactly the alarms the filters keep, the page does not scroll sideways, and values
   * read in their unit (never 1.05E10); a screenshot is kept.
   */
  @Test
  void theFilteredAlarmListReadsOnAPhone() throws IOException {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    List<String> expected =
        alarms.statuses("prod").stream()
            .filter(a -> a.instance().category() == io.stackwatch.alarm.Category.HEALTH)
            .filter(
                a ->
                    (a.instance().rule().title() + " " + a.instance().id() + " " + a.reason())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("queue"))
            .map(a -> "/alarms/prod/" + a.instance().id())
            .toList();
    assertThat(expected).as("prod's queue alarms").hasSizeGreaterThanOrEqualTo(2);

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(url("/alarms?environment=prod&category=health&q=queue"));
    screenshot("alarms-filtered-phone");

    @SuppressWarnings("unchecked")
    List<String> rows =
        (List<String>)
            browser.executeScript(
                "return [...document.querySelectorAll('table.alarms tbody th a')]"
                    + ".map(a => a.getAttribute('href'));");
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(browser.findElement(By.cssSelector("table.alarms caption")).getText())
        .startsWith(expected.size() + " of ");
    long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
    assertThat(overflow).as("sideways scrolling at 390 px").isLessThanOrEqualTo(0);
    assertThat(browser.findElement(By.name("q")).getAttribute("value")).isEqualTo("queue");

    browser.get(url("/alarms"));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .as("values in their unit")
        .doesNotContainPattern("\\d[.,]?\\d*E[+-]?\\d");
  }

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
