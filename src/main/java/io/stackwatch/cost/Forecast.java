package io.stackwatch.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Cost Explorer's forecast of one environment's spend for the rest of the month, or why there is
 * none.
 *
 * @param restOfMonth forecast spend from tomorrow to the end of the month, in US dollars
 * @param asOf when it was asked
 * @param error why the forecast is unavailable, when it is
 */
public record Forecast(Optional<BigDecimal> restOfMonth, Instant asOf, Optional<String> error) {

  public static Forecast of(BigDecimal restOfMonth, Instant asOf) {
    return new Forecast(Optional.of(restOfMonth), asOf, Optional.empty());
  }

  public static Forecast failed(String error, Instant asOf) {
    return new Forecast(Optional.empty(), asOf, Optional.of(error));
  }
}
