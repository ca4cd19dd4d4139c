package io.stackwatch.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the budget alarm judges a forecast: once more than a day of the month is priced (by
 * default), or at once when the forecast is over the budget by more than 10 % (by default); a
 * forecast at or under the budget is always recorded, so the alarm clears.
 */
@Tag("plain")
class BudgetAlarmTest {

  @ParameterizedTest(name = "{0}: {1} % of the budget, judged {2}")
  @CsvSource({
    "2026-12-01, 101.6, false",
    "2026-12-02, 101.6, false",
    "2026-12-02, 110.0, false",
    "2026-12-02, 110.1, true",
    "2026-12-02, 100.0, true",
    "2026-12-02, 60.0, true",
    "2026-12-03, 101.6, true",
    "2026-12-04, 101.6, true",
    "2026-12-31, 100.5, true"
  })
  void judgedAfterADayOfTheMonthOrBeyondTheMargin(LocalDate day, double percent, boolean judged) {
    assertThat(CostSeries.judged(percent, day, 1, 10)).isEqualTo(judged);
  }

  @ParameterizedTest(name = "after {0} days, margin {1} %: the 4th at 103 % judged {2}")
  @CsvSource({"3, 10, false", "2, 10, true", "7, 2, true", "7, 5, false"})
  void bothAreSettings(int afterDays, double margin, boolean judged) {
    assertThat(CostSeries.judged(103, LocalDate.of(2026, 12, 4), afterDays, margin))
        .isEqualTo(judged);
  }
}
