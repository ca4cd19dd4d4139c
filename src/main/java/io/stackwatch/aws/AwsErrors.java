package io.stackwatch.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** How an AWS failure reads on a page: AWS's error code and message, or the kind of failure. */
public final class AwsErrors {

  private AwsErrors() {}

  public static String describe(SdkException e) {
    // A refused AssumeRole arrives wrapped ("Unable to load credentials"): AWS's own words matter.
    for (Throwable t = e.getCause();
        t != null && !(e instanceof AwsServiceException);
        t = t.getCause()) {
      if (t instanceof AwsServiceException s) {
        return describe(s);
      }
    }
    String text =
        e instanceof AwsServiceException s && s.awsErrorDetails() != null
            ? s.awsErrorDetails().errorCode()
                + ": "
                + s.awsErrorDetails().errorMessage()
                + " (HTTP "
                + s.statusCode()
                + ")"
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
