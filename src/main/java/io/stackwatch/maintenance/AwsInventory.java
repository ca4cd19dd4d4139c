package io.stackwatch.maintenance;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * {@link Inventory} over CloudWatch Logs, EC2 and RDS, through the real SDK clients, following
 * every page. EC2 resources are asked for with the filter {@code tag:Environment=<env>}.
 */
@Singleton
public class AwsInventory implements Inventory {

  private final AwsClients clients;

  public AwsInventory(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<Long> countLogEvents(
      AwsTarget target, String logGroup, String pattern, Instant start, Instant end) {
    FilterLogEventsRequest request =
        FilterLogEventsRequest.builder()
            .logGroupName(logGroup)
            .filterPattern(pattern)
            .startTime(start.toEpochMilli())
            .endTime(end.toEpochMilli() - 1)
            .build();
    return call(
        () -> {
          long n = 0;
          try {
            for (FilterLogEventsResponse page :
                clients.logs(target).filterLogEventsPaginator(request)) {
              n += page.events().size();
            }
          } catch (ResourceNotFoundException e) {
            return Optional.empty();
          }
          return Optional.of(n);
        });
  }

  @Override
  public List<LogGroup> logGroups(AwsTarget target, List<String> names) {
    // One prefix per group: DescribeLogGroups matches by prefix, and the groups share none.
    return call(
        () -> {
          List<LogGroup> out = new ArrayList<>();
          for (String name : names) {
            clients
                .logs(target)
                .describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name))
                .logGroups()
                .stream()
                .filter(g -> g.logGroupName().equals(name))
                .forEach(
                    g ->
                        out.add(
                            new LogGroup(
                                g.logGroupName(), Optional.ofNullable(g.retentionInDays()))));
          }
          return out;
        });
  }

  @Override
  public List<SecurityGroup> securityGroups(AwsTarget target, String environment) {
    return call(
        () ->
            clients
                .ec2(target)
                .describeSecurityGroupsPaginator(r -> r.filters(byEnvironment(environment)))
                .securityGroups()
                .stream()
                .map(
                    g ->
                        new SecurityGroup(
                            g.groupId(),
                            g.groupName(),
                            g.ipPermissions().stream().map(AwsInventory::ingress).toList()))
                .toList());
  }

  private static Ingress ingress(IpPermission p) {
    List<String> cidrs = new ArrayList<>();
    p.ipRanges().forEach(r -> cidrs.add(r.cidrIp()));
    p.ipv6Ranges().forEach(r -> cidrs.add(r.cidrIpv6()));
    return new Ingress(
        p.ipProtocol(),
        p.fromPort() == null ? -1 : p.fromPort(),
        p.toPort() == null ? -1 : p.toPort(),
        cidrs,
        p.userIdGroupPairs().stream().map(u -> u.groupId()).toList());
  }

  @Override
  public List<Volume> volumes(AwsTarget target, String environment) {
    return call(
        () ->
            clients
                .ec2(target)
                .describeVolumesPaginator(r -> r.filters(byEnvironment(environment)))
                .volumes()
                .stream()
                .map(
                    v ->
                        new Volume(
                            v.volumeId(),
                            name(v.tags()),
                            v.stateAsString(),
                            v.size() == null ? 0 : v.size()))
                .toList());
  }

  @Override
  public List<ElasticIp> addresses(AwsTarget target, String environment) {
    // DescribeAddresses has no pages: an account holds a handful of Elastic IPs.
    return call(
        () ->
            clients
                .ec2(target)
                .describeAddresses(r -> r.filters(byEnvironment(environment)))
                .addresses()
                .stream()
                .map(
                    a ->
                        new ElasticIp(
                            a.allocationId(),
                            a.publicIp(),
                            name(a.tags()),
                            a.associationId() != null))
                .toList());
  }

  @Override
  public Optional<DbInstance> dbInstance(AwsTarget target, String identifier) {
    return call(
        () -> {
          try {
            return clients
                .rds(target)
                .describeDBInstances(r -> r.dbInstanceIdentifier(identifier))
                .dbInstances()
                .stream()
                .findFirst()
                .map(
                    d ->
                        new DbInstance(
                            d.dbInstanceIdentifier(),
                            d.backupRetentionPeriod() == null ? 0 : d.backupRetentionPeriod(),
                            d.allocatedStorage() == null ? 0 : d.allocatedStorage()));
          } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public List<DbSnapshot> manualSnapshots(AwsTarget target, String instanceIdentifier) {
    return call(
        () ->
            clients
                .rds(target)
                .describeDBSnapshotsPaginator(
                    r -> r.dbInstanceIdentifier(instanceIdentifier).snapshotType("manual"))
                .dbSnapshots()
                .stream()
                .map(
                    s ->
                        new DbSnapshot(
                            s.dbSnapshotIdentifier(),
                            s.dbInstanceIdentifier(),
                            s.snapshotCreateTime()))
                .toList());
  }

  private static Filter byEnvironment(String environment) {
    return Filter.builder().name("tag:Environment").values(environment).build();
  }

  private static String name(List<Tag> tags) {
    return tags.stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst().orElse("");
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new Failure(AwsErrors.describe(e), e);
    }
  }
}
