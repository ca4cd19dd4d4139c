package io.stackwatch.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command-line tool the deploy checks need; a missing tool fails the test, never skips. */
final class ExternalTool {

  record Result(int exitCode, String output) {}

  private ExternalTool() {}

  /**
   * Runs {@code command} in the project directory, stdout and stderr together.
   *
   * @param installHint how to get the tool, for the failure message
   */
  static Result run(String installHint, String... command)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command[0] + " is required (" + installHint + ")", e);
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }
}
