package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The bill as Cost Explorer shows it at one moment: the {@link CostModel}'s amounts with the {@link
 * CostScenarios} applied, rounded to the cent per line and day, and still being revised while they
 * are fresh.
 *
 * <p>Cost Explorer has no data for the current UTC day yet. Yesterday and the day before are {@code
 * Estimated}: usage records are still arriving, so their amounts fall short of the final figure (by
 * up to 5 % yesterday, 2 % the day before) and are revised three times a day, at 00:00, 08:00 and
 * 16:00 UTC. From three days old on a day's amount is final.
 */
final class CostLedger {

  /** Days younger than this are still estimated. */
  static final int FINAL_AFTER_DAYS = 3;

  private static final long REFRESH_SECONDS = 8 * 3600;

  private final Clock clock;
  private final CostModel model;
  private final CostScenarios scenarios;

  CostLedger(Clock clock, CostModel model, CostScenarios scenarios) {
    this.clock = clock;
    this.model = model;
    this.scenarios = scenarios;
  }

  CostModel model() {
    return model;
  }

  Instant now() {
    return clock.instant();
  }

  static LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  /** The cost of a line on a day in cents, as Cost Explorer reports it at {@code now}. */
  long cents(CostLine line, LocalDate day, Instant now) {
    LocalDate today = today(now);
    if (!day.isBefore(today)) {
      return 0; // not billed yet
    }
    double amount = model.amount(line, day) * scenarios.factor(line.environment(), day, today);
    long age = ChronoUnit.DAYS.between(day, today);
    if (age < FINAL_AFTER_DAYS) {
      double missing = age == 1 ? 0.05 : 0.02;
      long refresh = Math.floorDiv(now.getEpochSecond(), REFRESH_SECONDS);
      double u = Noise.unit(Noise.mix(model.dayHash(line, day) ^ Noise.mix(refresh)));
      amount *= 1 - missing * u;
    }
    return Math.round(amount * 100);
  }

  /** Whether Cost Explorer marks a day as estimated at {@code now}: it is under 3 days old. */
  static boolean estimated(LocalDate day, Instant now) {
    return ChronoUnit.DAYS.between(day, today(now)) < FINAL_AFTER_DAYS;
  }

  /** The forecast mean of a line on a day in USD: the model's mean with the scenarios applied. */
  double forecast(CostLine line, LocalDate day, Instant now) {
    return model.expected(line, day) * scenarios.factor(line.environment(), day, today(now));
  }
}
