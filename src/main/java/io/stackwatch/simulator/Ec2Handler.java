package io.stackwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Simulated EC2 ({@code ec2}, API 2016-11-15, EC2's Query protocol): DescribeSecurityGroups,
 * DescribeVolumes (both with MaxResults and NextToken) and DescribeAddresses over the {@link
 * SimulatedStack}, with {@code tag:<key>} filters. EC2 answers in its own shapes: no {@code Result}
 * wrapper, lower-case element names, lists of {@code <item>}, and errors as {@code
 * <Response><Errors><Error>}.
 */
public final class Ec2Handler implements ServiceHandler {

  /** EC2's XML namespace. */
  public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private static final int MAX_PAGE = 1000;
  private static final String OWNER = "000000000000";

  private final SimulatedStack stack;

  Ec2Handler(SimulatedStack stack) {
    this.stack = stack;
  }

  @Override
  public SimResponse handle(SimRequest request) {
    QueryForm form = request.form();
    String action = operation(request);
    return switch (action) {
      case "DescribeSecurityGroups" ->
          paged(
              action,
              form,
              "securityGroupInfo",
              filtered(form, stack.securityGroups(), g -> tags(g.name(), g.environment())),
              this::securityGroup);
      case "DescribeVolumes" ->
          paged(
              action,
              form,
              "volumeSet",
              filtered(form, stack.volumes(), v -> tags(v.name(), v.environment())),
              this::volume);
      case "DescribeAddresses" -> addresses(form);
      default ->
          throw ServiceException.sender(
              "InvalidAction",
              "The action " + action + " is not valid for this web service (or not simulated).");
    };
  }

  private <T> SimResponse paged(
      String action,
      QueryForm form,
      String listName,
      List<T> all,
      BiConsumer<XmlWriter, T> writer) {
    int max = MAX_PAGE;
    if (form.has("MaxResults")) {
      try {
        max = Integer.parseInt(form.get("MaxResults"));
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 5 || max > MAX_PAGE) {
        throw ServiceException.sender(
            "InvalidParameterValue",
            "Value ( "
                + form.get("MaxResults")
                + " ) for parameter maxResults is invalid."
                + " Expecting a value between 5 and 1000.");
      }
    }
    long fingerprint = Noise.hash(0, action + "\n" + form.asMap().keySet() + filterText(form));
    int offset = (int) PageToken.offset(form.get("NextToken"), fingerprint, all.size());
    int until = Math.min(all.size(), offset + max);
    List<T> page = all.subList(offset, until);
    XmlWriter xml = start(action);
    xml.open(listName);
    page.forEach(item -> writer.accept(xml, item));
    xml.close(listName);
    if (until < all.size()) {
      xml.element("nextToken", PageToken.of(until, fingerprint));
    }
    return SimResponse.xml(xml.close(action + "Response").toString());
  }

  private void securityGroup(XmlWriter xml, SimulatedStack.Group g) {
    xml.open("item")
        .element("ownerId", OWNER)
        .element("groupId", g.id())
        .element("groupName", g.name())
        .element("groupDescription", g.description())
        .element("vpcId", SimulatedStack.id("vpc", g.environment()))
        .open("ipPermissions");
    for (SimulatedStack.Rule r : g.ingress()) {
      xml.open("item")
          .element("ipProtocol", r.protocol())
          .element("fromPort", Integer.toString(r.from()))
          .element("toPort", Integer.toString(r.to()))
          .open("groups");
      for (String source : r.groups()) {
        xml.open("item").element("userId", OWNER).element("groupId", source).close("item");
      }
      xml.close("groups").open("ipRanges");
      for (String cidr : r.cidrs()) {
        xml.open("item").element("cidrIp", cidr).close("item");
      }
      xml.close("ipRanges").empty("ipv6Ranges").empty("prefixListIds").close("item");
    }
    xml.close("ipPermissions")
        .open("ipPermissionsEgress")
        .open("item")
        .element("ipProtocol", "-1")
        .empty("groups")
        .open("ipRanges")
        .open("item")
        .element("cidrIp", "0.0.0.0/0")
        .close("item")
        .close("ipRanges")
        .empty("ipv6Ranges")
        .empty("prefixListIds")
        .close("item")
        .close("ipPermissionsEgress");
    tagSet(xml, g.name(), g.environment());
    xml.close("item");
  }

  private void volume(XmlWriter xml, SimulatedStack.Volume v) {
    xml.open("item")
        .element("volumeId", v.id())
        .element("size", Integer.toString(v.sizeGib()))
        .element("snapshotId", "")
        .element("availabilityZone", "us-east-1a")
        .element("status", v.attached() ? "in-use" : "available")
        .element("createTime", "2025-03-04T10:15:00.000Z")
        .open("attachmentSet");
    if (v.attached()) {
      xml.open("item")
          .element("volumeId", v.id())
          .element("instanceId", v.instance())
          .element("device", "/dev/xvda")
          .element("status", "attached")
          .element("attachTime", "2025-03-04T10:15:30.000Z")
          .element("deleteOnTermination", "true")
          .close("item");
    }
    xml.close("attachmentSet");
    tagSet(xml, v.name(), v.environment());
    xml.element("volumeType", "gp3").element("encrypted", "true").close("item");
  }

  private SimResponse addresses(QueryForm form) {
    List<SimulatedStack.Address> all =
        filtered(form, stack.addresses(), a -> tags(a.name(), a.environment()));
    XmlWriter xml = start("DescribeAddresses");
    xml.open("addressesSet");
    for (SimulatedStack.Address a : all) {
      xml.open("item")
          .element("publicIp", a.publicIp())
          .element("allocationId", a.allocationId())
          .element("domain", "vpc");
      a.associationId()
          .ifPresent(
              id ->
                  xml.element("associationId", id)
                      .element("networkInterfaceId", SimulatedStack.id("eni", a.name()))
                      .element(
                          "privateIpAddress",
                          "10.0.1." + (10 + Math.floorMod(id.hashCode(), 200))));
      tagSet(xml, a.name(), a.environment());
      xml.close("item");
    }
    xml.close("addressesSet");
    return SimResponse.xml(xml.close("DescribeAddressesResponse").toString());
  }

  private static XmlWriter start(String action) {
    return new XmlWriter(4000)
        .open(action + "Response", NAMESPACE)
        .element("requestId", UUID.randomUUID().toString());
  }

  private static void tagSet(XmlWriter xml, String name, String environment) {
    xml.open("tagSet");
    tags(name, environment)
        .forEach((k, v) -> xml.open("item").element("key", k).element("value", v).close("item"));
    xml.close("tagSet");
  }

  private static Map<String, String> tags(String name, String environment) {
    return Map.of("Name", name, "Environment", environment);
  }

  /** The resources whose tags pass every {@code Filter.N} of the request. */
  private static <T> List<T> filtered(
      QueryForm form, List<T> all, java.util.function.Function<T, Map<String, String>> tagsOf) {
    List<T> out = new ArrayList<>();
    for (T item : all) {
      boolean keep = true;
      for (int n = 1; form.has("Filter." + n + ".Name"); n++) {
        String name = form.get("Filter." + n + ".Name");
        if (!name.startsWith("tag:")) {
          throw ServiceException.sender(
              "InvalidParameterValue",
              "The filter '" + name + "' is invalid (the simulator knows tag:<key> filters)");
        }
        List<String> values = new ArrayList<>();
        for (int v = 1; form.has("Filter." + n + ".Value." + v); v++) {
          values.add(form.get("Filter." + n + ".Value." + v));
        }
        String actual = tagsOf.apply(item).get(name.substring(4));
        keep &= actual != null && values.contains(actual);
      }
      if (keep) {
        out.add(item);
      }
    }
    return out;
  }

  private static String filterText(QueryForm form) {
    StringBuilder s = new StringBuilder();
    form.asMap().forEach((k, v) -> s.append(k.startsWith("Filter.") ? k + "=" + v + ";" : ""));
    return s.toString();
  }

  /** EC2's error shape, which differs from the other Query services'. */
  @Override
  public SimResponse error(ServiceError error) {
    XmlWriter xml =
        new XmlWriter(300)
            .open("Response")
            .open("Errors")
            .open("Error")
            .element("Code", error.code())
            .element("Message", error.message())
            .close("Error")
            .close("Errors")
            .element("RequestID", UUID.randomUUID().toString())
            .close("Response");
    return new SimResponse(error.status(), "text/xml", xml.toString(), error.code());
  }

  /** EC2 throttles with RequestLimitExceeded, HTTP 503. */
  @Override
  public ServiceError throttlingError() {
    return new ServiceError(503, "Sender", "RequestLimitExceeded", "Request limit exceeded.");
  }

  @Override
  public ServiceError serverError() {
    return new ServiceError(
        500, "Receiver", "InternalError", "An internal error has occurred. Please try again.");
  }

  @Override
  public SimResponse empty(String operation) {
    return SimResponse.xml(start(operation).close(operation + "Response").toString());
  }
}
