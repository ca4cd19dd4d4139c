package io.stackwatch.simulator;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Simulated RDS ({@code rds}, API 2014-10-31, Query protocol): DescribeDBInstances and
 * DescribeDBSnapshots (filtered by DBInstanceIdentifier and SnapshotType, paged with MaxRecords and
 * Marker) over the {@link SimulatedStack}'s database of each environment.
 */
public final class RdsHandler implements ServiceHandler {

  /** RDS's XML namespace. */
  public static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final SimulatedStack stack;

  RdsHandler(SimulatedStack stack) {
    this.stack = stack;
  }

  @Override
  public SimResponse handle(SimRequest request) {
    QueryForm form = request.form();
    String action = operation(request);
    return switch (action) {
      case "DescribeDBInstances" -> instances(form);
      case "DescribeDBSnapshots" -> snapshots(form);
      default ->
          throw ServiceException.sender(
              "InvalidAction",
              "The action " + action + " is not valid for this web service (or not simulated).");
    };
  }

  private SimResponse instances(QueryForm form) {
    String id = form.get("DBInstanceIdentifier");
    List<SimulatedStack.DbInstance> all =
        stack.dbInstances().stream().filter(d -> id == null || d.identifier().equals(id)).toList();
    if (id != null && all.isEmpty()) {
      throw new ServiceException(
          new ServiceError(
              404, "Sender", "DBInstanceNotFound", "DBInstance " + id + " not found."));
    }
    Page<SimulatedStack.DbInstance> page = page(form, "instances" + id, all);
    return protocol.result(
        "DescribeDBInstances",
        800 * page.items().size(),
        xml -> {
          xml.open("DBInstances");
          for (SimulatedStack.DbInstance d : page.items()) {
            xml.open("DBInstance")
                .element("DBInstanceIdentifier", d.identifier())
                .element("DBInstanceClass", d.instanceClass())
                .element("Engine", "postgres")
                .element("EngineVersion", "15.8")
                .element("DBInstanceStatus", "available")
                .element("AllocatedStorage", Integer.toString(d.allocatedGib()))
                .element("BackupRetentionPeriod", Integer.toString(d.backupRetentionDays()))
                .element("PreferredBackupWindow", "03:00-04:00")
                .element("MultiAZ", Boolean.toString(d.multiAz()))
                .element("StorageType", "gp3")
                .element("StorageEncrypted", "true")
                .element(
                    "DBInstanceArn",
                    "arn:aws:rds:"
                        + stack.region(d.environment())
                        + ":"
                        + stack.account()
                        + ":db:"
                        + d.identifier())
                .close("DBInstance");
          }
          xml.close("DBInstances");
          xml.element("Marker", page.marker());
        });
  }

  private SimResponse snapshots(QueryForm form) {
    String id = form.get("DBInstanceIdentifier");
    String type = form.get("SnapshotType");
    if (type != null
        && !List.of("manual", "automated", "shared", "public", "awsbackup").contains(type)) {
      throw ServiceException.sender(
          "InvalidParameterValue", "Invalid value for SnapshotType: " + type);
    }
    // The simulator keeps manual snapshots only; automated ones are not asked for.
    List<SimulatedStack.Snapshot> all =
        stack.manualSnapshots().stream()
            .filter(s -> id == null || s.instance().equals(id))
            .filter(s -> type == null || type.equals("manual"))
            .toList();
    Page<SimulatedStack.Snapshot> page = page(form, "snapshots" + id + type, all);
    return protocol.result(
        "DescribeDBSnapshots",
        600 * page.items().size(),
        xml -> {
          xml.open("DBSnapshots");
          for (SimulatedStack.Snapshot s : page.items()) {
            xml.open("DBSnapshot")
                .element("DBSnapshotIdentifier", s.identifier())
                .element("DBInstanceIdentifier", s.instance())
                .element("SnapshotCreateTime", DateTimeFormatter.ISO_INSTANT.format(s.created()))
                .element("Engine", "postgres")
                .element("AllocatedStorage", Integer.toString(s.allocatedGib()))
                .element("Status", "available")
                .element("SnapshotType", "manual")
                .close("DBSnapshot");
          }
          xml.close("DBSnapshots");
          xml.element("Marker", page.marker());
        });
  }

  private record Page<T>(List<T> items, String marker) {}

  private static <T> Page<T> page(QueryForm form, String request, List<T> all) {
    int max = 100;
    if (form.has("MaxRecords")) {
      try {
        max = Integer.parseInt(form.get("MaxRecords"));
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 20 || max > 100) {
        throw ServiceException.sender(
            "InvalidParameterValue", "MaxRecords must be between 20 and 100.");
      }
    }
    long fingerprint = Noise.hash(0, request);
    int offset = (int) PageToken.offset(form.get("Marker"), fingerprint, all.size());
    int until = Math.min(all.size(), offset + max);
    return new Page<>(
        all.subList(offset, until), until < all.size() ? PageToken.of(until, fingerprint) : null);
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(operation, 0, xml -> {});
  }
}
