package io.stackwatch.alarm;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an alarm treats periods without a datapoint, with CloudWatch's {@code TreatMissingData}
 * spellings. It matters only when the evaluation range holds fewer real datapoints than the
 * evaluation periods; see {@link AlarmEvaluator}.
 */
public enum MissingData {
  /** Missing periods are not considered; no data at all is INSUFFICIENT_DATA. The default. */
  MISSING("missing", "Missing"),
  /** Missing periods count as within the threshold. */
  NOT_BREACHING("notBreaching", "NonBreaching"),
  /** Missing periods count as breaching. */
  BREACHING("breaching", "Breaching"),
  /** The alarm keeps its current state while data is missing. */
  IGNORE("ignore", "Ignore");

  private final String yamlName;
  private final String reasonLabel;

  MissingData(String yamlName, String reasonLabel) {
    this.yamlName = yamlName;
    this.reasonLabel = reasonLabel;
  }

  /** The spelling in rule files and in CloudWatch's API, such as {@code notBreaching}. */
  public String yamlName() {
    return yamlName;
  }

  /** The label CloudWatch puts in brackets in a state reason, such as {@code NonBreaching}. */
  public String reasonLabel() {
    return reasonLabel;
  }

  /** The treatment spelled exactly so in a rule file. */
  public static Optional<MissingData> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.yamlName.equals(text)).findFirst();
  }
}
