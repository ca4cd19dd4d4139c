package io.stackwatch.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The seed's three environments plus prod-shaped ones, as configuration, served as in production
 * (pages and scrapes rendered at most once a second; tests render every request).
 */
abstract class Estate implements QuarkusTestProfile {

  abstract int environments();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    config.put("stackwatch.render.max-age", "1s");
    for (int i = 4; i <= environments(); i++) {
      String e = String.format("stackwatch.environments.env%03d.", i);
      config.put(e + "region", "us-east-1");
      config.put(e + "resources.cache-nodes", "3");
      config.put(e + "resources.nat-gateways", "3");
    }
    return config;
  }

  /** The seed's 3 environments. */
  public static final class Seed extends Estate {
    @Override
    int environments() {
      return 3;
    }
  }

  /** 30 environments. */
  public static final class Thirty extends Estate {
    @Override
    int environments() {
      return 30;
    }
  }

  /** 100 environments. */
  public static final class Hundred extends Estate {
    @Override
    int environments() {
      return 100;
    }
  }

  /** 136 environments: about 10,000 series. */
  public static final class TenThousand extends Estate {
    @Override
    int environments() {
      return 136;
    }
  }
}
