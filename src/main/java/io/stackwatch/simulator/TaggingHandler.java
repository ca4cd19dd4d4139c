package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Simulated Resource Groups Tagging API ({@code tagging}, AWS JSON 1.1, target prefix {@code
 * ResourceGroupsTaggingAPI_20170126}): GetResources over the {@link SimulatedStack}'s resources in
 * the region asked (CloudFront distributions in us-east-1) and the tagged SNS topics, with AWS's
 * TagFilters (filters all hold; a filter's values any one; a filter without values any value),
 * ResourceTypeFilters ({@code service} or {@code service:type} as in the ARN, e.g. {@code rds},
 * {@code elasticache:cluster}, {@code sqs:queue}), ResourceARNList, ResourcesPerPage (1 to 100,
 * default 100), TagsPerPage (100 to 500) and PaginationToken paging: tokens last 15 minutes and the
 * last page carries an empty token, not none. Bad input answers {@code InvalidParameterException}.
 * Untagged resources are not listed, as in AWS, nor another account's: the stack belongs to the
 * base credentials' account ({@link StsHandler#account(String)}), so credentials of a role in
 * another account find only that account's tagged topics.
 *
 * <p>Switches play endpoints that are not AWS: {@link #omitService} leaves a service's resources
 * out, {@link #shortPages} answers pages with fewer resources than asked, the first with none.
 */
public final class TaggingHandler implements ServiceHandler {

  /** The {@code X-Amz-Target} prefix of tagging operations. */
  public static final String TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126";

  /** AWS's largest ResourcesPerPage, also what a request that sets none gets. */
  public static final int MAX_RESOURCES_PER_PAGE = 100;

  /** How long AWS honours a PaginationToken. */
  public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private static final Pattern TYPE_FILTER = Pattern.compile("[a-z0-9-]+(:[A-Za-z0-9/_.-]+)?");

  /** One listed resource: its ARN, tags and the service and type filters match. */
  private record Entry(String arn, Map<String, String> tags, String service, String type) {}

  /** A TagFilter: the key, and the values of which one must match (any value if none). */
  private record TagFilter(String key, List<String> values) {
    boolean accepts(Entry entry) {
      String value = entry.tags().get(key);
      return value != null && (values.isEmpty() || values.contains(value));
    }
  }

  private final JsonProtocol protocol = new JsonProtocol(TARGET_PREFIX);
  private final Clock clock;
  private final SimulatedStack stack;
  private final SnsHandler sns;
  private final Identities identities;
  private final Set<String> omitted = ConcurrentHashMap.newKeySet();
  private volatile boolean shortPages;

  TaggingHandler(Clock clock, SimulatedStack stack, SnsHandler sns, Identities identities) {
    this.clock = clock;
    this.stack = stack;
    this.sns = sns;
    this.identities = identities;
  }

  // --- controls ---

  /**
   * Leaves a service's resources out of every answer, as an endpoint that lacks that service's
   * tagging does: a filter naming it finds nothing, without error.
   *
   * @param serviceOrType {@code elasticache}, or one type such as {@code elasticache:cluster}
   */
  public TaggingHandler omitService(String serviceOrType) {
    omitted.add(serviceOrType);
    return this;
  }

  /** Lists a service omitted before again. */
  public TaggingHandler includeService(String serviceOrType) {
    omitted.remove(serviceOrType);
    return this;
  }

  /**
   * While on, the first page holds no resource and later ones at most half of ResourcesPerPage,
   * each with a token for the rest, as AWS warns its pages may: a client must follow the token.
   */
  public TaggingHandler shortPages(boolean on) {
    this.shortPages = on;
    return this;
  }

  /** Lists every service again and pages fully. */
  public void reset() {
    omitted.clear();
    shortPages = false;
  }

  // --- ServiceHandler ---

  @Override
  public String operation(SimRequest request) {
    return protocol.operation(request);
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String operation = operation(request);
    if (!operation.equals("GetResources")) {
      String target = request.header("X-Amz-Target");
      throw ServiceException.sender(
          "UnknownOperationException",
          "The operation "
              + (target == null ? "(no X-Amz-Target header)" : target)
              + " is not simulated; the simulator answers GetResources");
    }
    String region = request.region() == null ? SimulatedStack.DEFAULT_REGION : request.region();
    String account = identities.caller(request).account();
    return getResources(protocol.body(request), region, account);
  }

  private SimResponse getResources(ObjectNode body, String region, String account) {
    Integer resourcesPerPage = integer(body, "ResourcesPerPage");
    Integer tagsPerPage = integer(body, "TagsPerPage");
    String token = text(body, "PaginationToken");
    List<String> arns = strings(body, "ResourceARNList");
    List<String> types = strings(body, "ResourceTypeFilters");
    List<TagFilter> tagFilters = tagFilters(body);
    boolean compliance = bool(body, "IncludeComplianceDetails");
    if (resourcesPerPage != null
        && (resourcesPerPage < 1 || resourcesPerPage > MAX_RESOURCES_PER_PAGE)) {
      throw invalid(
          "ResourcesPerPage must be between 1 and "
              + MAX_RESOURCES_PER_PAGE
              + "; it is "
              + resourcesPerPage
              + ".");
    }
    if (tagsPerPage != null && (tagsPerPage < 100 || tagsPerPage > 500)) {
      throw invalid("TagsPerPage must be between 100 and 500; it is " + tagsPerPage + ".");
    }
    if (arns != null) {
      if (arns.isEmpty() || arns.size() > 100) {
        throw invalid("ResourceARNList must hold between 1 and 100 ARNs.");
      }
      if (resourcesPerPage != null || tagsPerPage != null || token != null) {
        throw invalid(
            "Specify either ResourceARNList or pagination parameters (ResourcesPerPage,"
                + " TagsPerPage, PaginationToken), not both.");
      }
    }
    if (types != null) {
      if (types.size() > 100) {
        throw invalid("ResourceTypeFilters can hold at most 100 resource types.");
      }
      for (String type : types) {
        if (type.length() > 256 || !TYPE_FILTER.matcher(type).matches()) {
          throw invalid(
              "The resource type filter '"
                  + type
                  + "' is not valid; use service[:resourceType], e.g. ec2:instance.");
        }
      }
    }
    if (bool(body, "ExcludeCompliantResources") && !compliance) {
      throw invalid(
          "ExcludeCompliantResources can be used only when IncludeComplianceDetails is true.");
    }

    List<Entry> matching = new ArrayList<>();
    for (Entry entry : entries(region, account)) {
      if ((arns == null || arns.contains(entry.arn()))
          && (types == null || types.isEmpty() || types.stream().anyMatch(t -> isOf(entry, t)))
          && tagFilters.stream().allMatch(f -> f.accepts(entry))
          && !bool(body, "ExcludeCompliantResources")) {
        matching.add(entry);
      }
    }

    ObjectNode request = body.deepCopy();
    request.remove("PaginationToken");
    long fingerprint = Noise.hash(Noise.hash(0, region), StrictJson.write(request));
    int offset = offset(token, fingerprint, matching.size());
    int perPage = resourcesPerPage == null ? MAX_RESOURCES_PER_PAGE : resourcesPerPage;
    if (shortPages) {
      boolean first = token == null || token.isEmpty();
      perPage = first && !matching.isEmpty() ? 0 : Math.max(1, perPage / 2);
    }
    int end = offset;
    int tags = 0;
    while (end < matching.size() && end - offset < perPage) {
      // A resource with no tags counts as one; a page never splits a resource from its tags.
      int its = Math.max(1, matching.get(end).tags().size());
      if (tagsPerPage != null && end > offset && tags + its > tagsPerPage) {
        break;
      }
      tags += its;
      end++;
    }
    List<Entry> page = matching.subList(offset, end);
    String next =
        end < matching.size()
            ? token(end, clock.instant().getEpochSecond(), fingerprint)
            // AWS ends with an empty token rather than none: a client waiting for null loops.
            : "";
    return protocol.result(
        json -> {
          json.put("PaginationToken", next);
          ArrayNode list = json.putArray("ResourceTagMappingList");
          for (Entry entry : page) {
            ObjectNode mapping = list.addObject().put("ResourceARN", entry.arn());
            ArrayNode tagList = mapping.putArray("Tags");
            new TreeMap<>(entry.tags())
                .forEach((k, v) -> tagList.addObject().put("Key", k).put("Value", v));
            if (compliance) {
              ObjectNode details = mapping.putObject("ComplianceDetails");
              details.putArray("NoncompliantKeys");
              details.putArray("KeysWithNoncompliantValues");
              details.put("ComplianceStatus", true);
            }
          }
        });
  }

  /**
   * What the region holds for the account, stack order: the stack's resources, then SNS's topics
   * carrying tags (their own, or those of the stack's topic of that ARN).
   */
  private List<Entry> entries(String region, String account) {
    List<Entry> out = new ArrayList<>();
    Map<String, Map<String, String>> declaredTopics = new HashMap<>();
    boolean stackAccount = account.equals(stack.account());
    for (StackResource r : stackAccount ? stack.resources() : List.<StackResource>of()) {
      if (r.kind() == StackResource.Kind.TOPIC) {
        declaredTopics.put(stack.arn(r), r.tags());
      } else if (r.homeRegion().equals(region)) {
        out.add(entry(stack.arn(r), r.tags(), r.kind().service(), r.kind().type()));
      }
    }
    for (String arn : sns.topics()) {
      String[] parts = arn.split(":");
      if (!parts[3].equals(region) || !parts[4].equals(account)) {
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>(declaredTopics.getOrDefault(arn, Map.of()));
      tags.putAll(sns.tags(arn));
      if (!tags.isEmpty()) {
        out.add(entry(arn, tags, "sns", "topic"));
      }
    }
    out.removeIf(
        e -> omitted.contains(e.service()) || omitted.contains(e.service() + ":" + e.type()));
    return out;
  }

  private static Entry entry(String arn, Map<String, String> tags, String service, String type) {
    return new Entry(arn, tags, service, type);
  }

  /** A type filter names the service, or the service and type, as the ARN carries them. */
  private static boolean isOf(Entry entry, String filter) {
    int colon = filter.indexOf(':');
    return colon < 0
        ? filter.equals(entry.service())
        : filter.substring(0, colon).equals(entry.service())
            && filter.substring(colon + 1).equals(entry.type());
  }

  // --- request members ---

  private static List<TagFilter> tagFilters(ObjectNode body) {
    JsonNode filters = body.get("TagFilters");
    List<TagFilter> out = new ArrayList<>();
    if (!StrictJson.present(filters)) {
      return out;
    }
    if (!filters.isArray()) {
      throw serialization("TagFilters");
    }
    if (filters.size() > 50) {
      throw invalid("TagFilters can hold at most 50 filters.");
    }
    for (JsonNode filter : filters) {
      if (!filter.isObject()) {
        throw serialization("TagFilters");
      }
      JsonNode key = filter.get("Key");
      if (!StrictJson.present(key) || !key.isTextual() || key.textValue().isEmpty()) {
        throw invalid("Each TagFilter needs a Key of 1 to 128 characters.");
      }
      if (key.textValue().length() > 128) {
        throw invalid("Each TagFilter needs a Key of 1 to 128 characters.");
      }
      List<String> values = new ArrayList<>();
      JsonNode given = filter.get("Values");
      if (StrictJson.present(given)) {
        if (!given.isArray()) {
          throw serialization("TagFilters.Values");
        }
        if (given.size() > 20) {
          throw invalid("A TagFilter can hold at most 20 values.");
        }
        for (JsonNode v : given) {
          if (!v.isTextual()) {
            throw serialization("TagFilters.Values");
          }
          values.add(v.textValue());
        }
      }
      out.add(new TagFilter(key.textValue(), List.copyOf(values)));
    }
    return out;
  }

  private static Integer integer(ObjectNode body, String member) {
    JsonNode node = body.get(member);
    if (!StrictJson.present(node)) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw serialization(member);
    }
    return node.intValue();
  }

  private static String text(ObjectNode body, String member) {
    JsonNode node = body.get(member);
    if (!StrictJson.present(node)) {
      return null;
    }
    if (!node.isTextual()) {
      throw serialization(member);
    }
    return node.textValue();
  }

  private static boolean bool(ObjectNode body, String member) {
    JsonNode node = body.get(member);
    if (!StrictJson.present(node)) {
      return false;
    }
    if (!node.isBoolean()) {
      throw serialization(member);
    }
    return node.booleanValue();
  }

  private static List<String> strings(ObjectNode body, String member) {
    JsonNode node = body.get(member);
    if (!StrictJson.present(node)) {
      return null;
    }
    if (!node.isArray()) {
      throw serialization(member);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : node) {
      if (!v.isTextual()) {
        throw serialization(member);
      }
      out.add(v.textValue());
    }
    return out;
  }

  // --- pagination tokens ---

  /** Offset, time issued and the request it belongs to, so a token resumes only its request. */
  private static String token(int offset, long issued, long fingerprint) {
    String plain = "g1:" + offset + ":" + issued + ":" + Long.toHexString(fingerprint);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  private int offset(String token, long fingerprint, int total) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    if (token.length() > 2048) {
      throw invalid("PaginationToken is longer than 2048 characters.");
    }
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
    } catch (IllegalArgumentException e) {
      throw invalid("The PaginationToken is not valid.");
    }
    try {
      if (parts.length == 4
          && parts[0].equals("g1")
          && Long.parseUnsignedLong(parts[3], 16) == fingerprint) {
        int offset = Integer.parseInt(parts[1]);
        long issued = Long.parseLong(parts[2]);
        if (clock.instant().getEpochSecond() - issued > TOKEN_LIFETIME.getSeconds()) {
          throw ServiceException.sender(
              "PaginationTokenExpiredException",
              "The PaginationToken has expired: tokens are valid for 15 minutes.");
        }
        if (offset >= 0 && offset <= total) {
          return offset;
        }
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw invalid("The PaginationToken is not valid for this request.");
  }

  private static ServiceException invalid(String message) {
    return ServiceException.sender("InvalidParameterException", message);
  }

  private static ServiceException serialization(String member) {
    return ServiceException.sender(
        "SerializationException", "The member " + member + " does not have the expected type.");
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  /** The tagging API's throttling error; the SDK counts it as throttling and retries it. */
  @Override
  public ServiceError throttlingError() {
    return ServiceError.sender("ThrottledException", "Rate exceeded");
  }

  /** The tagging API's 500 is InternalServiceException. */
  @Override
  public ServiceError serverError() {
    return new ServiceError(
        500,
        "Receiver",
        "InternalServiceException",
        "The request processing failed because of an unknown error.");
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(json -> {});
  }
}
