package io.stackwatch.maintenance;

/**
 * The automated evidence stackwatch can gather for a chore. A chore without one stays manual: AWS
 * cannot judge whether a dashboard was looked at or a DR test was run.
 */
public enum CheckKind {
  /** Cost data refreshed within the last day, and no cost anomaly in the last three days. */
  COST_AND_USAGE("cost-and-usage"),
  /** ERROR lines of the last 24 hours in the ECS and Lambda log groups. */
  LOG_ERRORS("log-errors"),
  /** PostgreSQL and Redis open only to the application's groups; only the ALB open to all. */
  SECURITY_GROUPS("security-groups"),
  /** Week-over-week change of the key metrics. */
  METRIC_TRENDS("metric-trends"),
  /** Unattached volumes, unassociated Elastic IPs, manual snapshots older than 90 days. */
  UNUSED_RESOURCES("unused-resources"),
  /** RDS automated backups kept at least 7 days; log groups kept 30 days. */
  BACKUP_RETENTION("backup-retention"),
  /** Days until the RDS storage is full at the trend of the last 30 days. */
  CAPACITY("capacity"),
  /** RDS and ElastiCache nodes averaging under 10 % CPU over 30 days. */
  RIGHT_SIZING("right-sizing");

  private final String yamlName;

  CheckKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
