package io.stackwatch.notify;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** No maintenance schedule yet: steps aside for any other {@link OverdueMaintenance} bean. */
@DefaultBean
@Singleton
public class UntrackedMaintenance implements OverdueMaintenance {

  @Override
  public Optional<List<OverdueItem>> overdue(String environment, Instant now) {
    return Optional.empty();
  }
}
