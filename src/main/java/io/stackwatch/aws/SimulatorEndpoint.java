package io.stackwatch.aws;

import java.net.URI;

/** Where the built-in AWS simulator listens, for clients in {@code simulator} mode. */
public interface SimulatorEndpoint {

  /** The simulator's base URI; starts it on first use. */
  URI uri();
}
