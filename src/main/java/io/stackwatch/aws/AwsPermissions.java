package io.stackwatch.aws;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every AWS operation stackwatch calls, with the IAM action that allows it: the one list that the
 * IAM policies of {@code deploy/terraform} and the {@link ApiCallMeter} are checked against. A call
 * added to the code belongs here first; a test then fails until the Terraform policy grants it.
 *
 * <p>Operations are named as the SDK names them in {@link
 * software.amazon.awssdk.core.interceptor.SdkExecutionAttribute#SERVICE_NAME} and {@code
 * OPERATION_NAME} (SDK 2.40.2): {@code CloudWatch}, {@code CostExplorer}, {@code Sns}, {@code Sts},
 * {@code Ec2}, {@code Rds}, {@code CloudWatchLogs}; {@code DescribeDBInstances} keeps the API's
 * capitals even though the SDK's request class is {@code DescribeDbInstancesRequest}.
 */
public final class AwsPermissions {

  /** What a permission may be granted on, which decides the policy statement it belongs to. */
  public enum Scope {
    /** Actions without resource-level permissions (or only account-wide ones): {@code "*"}. */
    ANY_RESOURCE,
    /** Reading log events: only the watched stack's log groups. */
    LOG_GROUPS,
    /** Publishing alert summaries and digests: only the configured SNS topics. */
    TOPICS,
    /** Reading other accounts: only the configured roles (environments', Cost Explorer's). */
    ROLES;

    /** Whether the action only reads the watched stack, so a read-only role may grant it. */
    public boolean isRead() {
      return this == ANY_RESOURCE || this == LOG_GROUPS;
    }
  }

  /**
   * One AWS operation and the IAM action that allows it.
   *
   * @param service the SDK's service name, as {@code SdkExecutionAttribute.SERVICE_NAME}
   * @param operation the API operation, as {@code SdkExecutionAttribute.OPERATION_NAME}
   * @param iamAction the IAM action, {@code prefix:Operation}
   * @param scope the resources it is granted on
   * @param purpose what stackwatch calls it for
   */
  public record Permission(
      String service, String operation, String iamAction, Scope scope, String purpose) {

    /** {@code Service:Operation}, as {@link ApiCallMeter.Operation} prints it. */
    @Override
    public String toString() {
      return service + ":" + operation;
    }
  }

  private static final List<Permission> ALL =
      List.of(
          new Permission(
              "CloudWatch",
              "GetMetricData",
              "cloudwatch:GetMetricData",
              Scope.ANY_RESOURCE,
              "collect every watched series, up to 500 per request"),
          new Permission(
              "CloudWatch",
              "ListMetrics",
              "cloudwatch:ListMetrics",
              Scope.ANY_RESOURCE,
              "find the dimensions a tag does not tell (a target group's load balancer, an API's stage)"),
          new Permission(
              "ResourceGroupsTaggingApi",
              "GetResources",
              "tag:GetResources",
              Scope.ANY_RESOURCE,
              "find each environment's resources by its tag"),
          new Permission(
              "Sqs",
              "GetQueueAttributes",
              "sqs:GetQueueAttributes",
              Scope.ANY_RESOURCE,
              "tell the dead-letter queues among the tagged queues (their sources' RedrivePolicy)"),
          new Permission(
              "CostExplorer",
              "GetCostAndUsage",
              "ce:GetCostAndUsage",
              Scope.ANY_RESOURCE,
              "month-to-date cost per environment and service"),
          new Permission(
              "CostExplorer",
              "GetCostForecast",
              "ce:GetCostForecast",
              Scope.ANY_RESOURCE,
              "cost forecast to the end of the month"),
          new Permission(
              "Sns",
              "Publish",
              "sns:Publish",
              Scope.TOPICS,
              "alert summaries and the daily digest"),
          new Permission(
              "Sts",
              "GetCallerIdentity",
              "sts:GetCallerIdentity",
              Scope.ANY_RESOURCE,
              "the account of each environment's credentials, for its default topic ARNs (AWS"
                  + " needs no permission for it)"),
          new Permission(
              "Sns",
              "GetTopicAttributes",
              "sns:GetTopicAttributes",
              Scope.TOPICS,
              "check at start-up that each configured topic exists and may be used"),
          new Permission(
              "Sts",
              "AssumeRole",
              "sts:AssumeRole",
              Scope.ROLES,
              "read an environment, or the paying account's costs, through a read-only role"),
          new Permission(
              "CloudWatchLogs",
              "FilterLogEvents",
              "logs:FilterLogEvents",
              Scope.LOG_GROUPS,
              "maintenance: count ERROR lines of the last 24 hours"),
          new Permission(
              "CloudWatchLogs",
              "DescribeLogGroups",
              "logs:DescribeLogGroups",
              Scope.ANY_RESOURCE,
              "maintenance: log group retention"),
          new Permission(
              "Ec2",
              "DescribeSecurityGroups",
              "ec2:DescribeSecurityGroups",
              Scope.ANY_RESOURCE,
              "maintenance: security group rules"),
          new Permission(
              "Ec2",
              "DescribeVolumes",
              "ec2:DescribeVolumes",
              Scope.ANY_RESOURCE,
              "maintenance: unattached EBS volumes"),
          new Permission(
              "Ec2",
              "DescribeAddresses",
              "ec2:DescribeAddresses",
              Scope.ANY_RESOURCE,
              "maintenance: unassociated Elastic IPs"),
          new Permission(
              "Rds",
              "DescribeDBInstances",
              "rds:DescribeDBInstances",
              Scope.ANY_RESOURCE,
              "maintenance: backup retention, storage"),
          new Permission(
              "Rds",
              "DescribeDBSnapshots",
              "rds:DescribeDBSnapshots",
              Scope.ANY_RESOURCE,
              "maintenance: old manual snapshots"));

  private AwsPermissions() {}

  /** Every operation stackwatch calls, in a fixed order. */
  public static List<Permission> all() {
    return ALL;
  }

  /** The permission of an SDK call, or empty when stackwatch is not meant to make it. */
  public static Optional<Permission> of(String service, String operation) {
    return ALL.stream()
        .filter(p -> p.service().equals(service) && p.operation().equals(operation))
        .findFirst();
  }

  /** Whether an SDK call is in the list. */
  public static boolean isListed(String service, String operation) {
    return of(service, operation).isPresent();
  }

  /** The IAM actions of every operation, sorted. */
  public static SortedSet<String> iamActions() {
    return iamActions(Scope.values());
  }

  /** The IAM actions granted on the given scopes, sorted. */
  public static SortedSet<String> iamActions(Scope... scopes) {
    Set<Scope> wanted = EnumSet.noneOf(Scope.class);
    wanted.addAll(Arrays.asList(scopes));
    return ALL.stream()
        .filter(p -> wanted.contains(p.scope()))
        .map(Permission::iamAction)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
