package io.stackwatch.maintenance;

import io.stackwatch.catalog.AwsTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the maintenance checks judge from AWS (or anything that answers like it): log lines,
 * security groups, volumes, Elastic IPs, the database and its snapshots, log group retention. EC2
 * resources are found by their {@code Environment} tag, the database by its catalog name.
 */
public interface Inventory {

  /**
   * Log events of {@code [start, end)} in a log group matching a CloudWatch Logs filter pattern;
   * empty if the log group does not exist.
   */
  Optional<Long> countLogEvents(
      AwsTarget target, String logGroup, String pattern, Instant start, Instant end);

  /** The log groups among {@code names} that exist, with their retention. */
  List<LogGroup> logGroups(AwsTarget target, List<String> names);

  /** Security groups tagged {@code Environment=<environment>}. */
  List<SecurityGroup> securityGroups(AwsTarget target, String environment);

  /** EBS volumes tagged {@code Environment=<environment>}. */
  List<Volume> volumes(AwsTarget target, String environment);

  /** Elastic IPs tagged {@code Environment=<environment>}. */
  List<ElasticIp> addresses(AwsTarget target, String environment);

  /** The RDS instance of this identifier; empty if there is none. */
  Optional<DbInstance> dbInstance(AwsTarget target, String identifier);

  /** Manual snapshots of an RDS instance. */
  List<DbSnapshot> manualSnapshots(AwsTarget target, String instanceIdentifier);

  /** A log group and its retention; empty retention is "never expire". */
  record LogGroup(String name, Optional<Integer> retentionDays) {}

  /** A security group and its inbound rules. */
  record SecurityGroup(String id, String name, List<Ingress> ingress) {
    public SecurityGroup {
      ingress = List.copyOf(ingress);
    }

    /** {@code sg-0abc (dev-redis-sg)}. */
    public String label() {
      return id + " (" + name + ")";
    }
  }

  /**
   * One inbound rule.
   *
   * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code -1} for all
   * @param fromPort first port; -1 when the rule is for every port
   * @param toPort last port; -1 when the rule is for every port
   * @param cidrs IPv4 and IPv6 ranges allowed
   * @param sourceGroups security group ids allowed
   */
  record Ingress(
      String protocol, int fromPort, int toPort, List<String> cidrs, List<String> sourceGroups) {
    public Ingress {
      cidrs = List.copyOf(cidrs);
      sourceGroups = List.copyOf(sourceGroups);
    }

    public boolean covers(int port) {
      return protocol.equals("-1") || fromPort == -1 || (fromPort <= port && port <= toPort);
    }

    public String ports() {
      if (protocol.equals("-1") || fromPort == -1) {
        return "all ports";
      }
      return fromPort == toPort ? "port " + fromPort : "ports " + fromPort + "-" + toPort;
    }
  }

  /** An EBS volume; {@code state} as EC2 says it ({@code available} means unattached). */
  record Volume(String id, String name, String state, int sizeGib) {}

  /** An Elastic IP and whether it is associated with anything. */
  record ElasticIp(String allocationId, String publicIp, String name, boolean associated) {}

  /** An RDS instance's backup retention and allocated storage. */
  record DbInstance(String identifier, int backupRetentionDays, int allocatedStorageGib) {}

  /** An RDS snapshot. */
  record DbSnapshot(String identifier, String instance, Instant created) {}

  /** The source failed; the message says why in words an operator can act on. */
  final class Failure extends RuntimeException {
    public Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
