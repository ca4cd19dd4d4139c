package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Simulated SNS ({@code sns}, API 2010-03-31, Query protocol): CreateTopic, ListTopics,
 * GetTopicAttributes and Publish, with the checks SNS makes (subject, size, FIFO group and
 * deduplication) and SNS's error codes: {@code NotFound} (404) for a topic that does not exist,
 * {@code AuthorizationError} (403) for a topic whose publishing {@link #refusePublish} refuses.
 * Topics belong to the account of the credentials that created them ({@link
 * StsHandler#account(String)} for the base credentials). Every accepted message (the last {@value
 * #KEPT}) is kept for tests in {@link #published()}; a FIFO message whose deduplication ID was seen
 * on the topic in the last 5 minutes is accepted, answered with the first message's ID, and not
 * kept again.
 */
public final class SnsHandler implements ServiceHandler {

  /** SNS's XML namespace. */
  public static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  /** The default account of the simulator's base credentials, and so of its topics' ARNs. */
  public static final String ACCOUNT = "000000000000";

  /** The largest message SNS takes, attributes included: 256 KiB. */
  public static final int MAX_MESSAGE_BYTES = 262_144;

  /** How long SNS FIFO remembers a deduplication ID. */
  public static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

  /** Messages kept for {@link #published()}; older ones are dropped, as in {@link CallLog}. */
  static final int KEPT = 10_000;

  private static final int LIST_TOPICS_PAGE = 100;
  private static final int MAX_SUBJECT = 100;
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern FIFO_TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");
  // MessageGroupId and MessageDeduplicationId: up to 128 of letters, digits and punctuation.
  private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

  private static final class Topic {
    final String arn;
    final String region;
    final boolean fifo;
    final Map<String, String> attributes;
    final Map<String, String> tags = new LinkedHashMap<>();
    long sequence;
    final Map<String, Accepted> deduplication = new LinkedHashMap<>();

    Topic(String arn, String region, Map<String, String> attributes) {
      this.arn = arn;
      this.region = region;
      this.attributes = Map.copyOf(attributes);
      this.fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    }

    String account() {
      return arn.split(":")[4];
    }

    boolean contentBasedDeduplication() {
      return "true".equalsIgnoreCase(attributes.get("ContentBasedDeduplication"));
    }
  }

  private record Accepted(String messageId, String sequenceNumber, Instant at) {}

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final Clock clock;
  private final Identities identities;
  // Guarded by this.
  private final Map<String, Topic> topics = new LinkedHashMap<>();
  private final List<PublishedMessage> published = new ArrayList<>();
  private final Set<String> refused = new LinkedHashSet<>();

  SnsHandler(Clock clock, Identities identities) {
    this.clock = clock;
    this.identities = identities;
  }

  // --- controls ---

  /**
   * Creates a topic unless it exists (a FIFO topic if the name ends in {@code .fifo}) and returns
   * its ARN, {@code arn:aws:sns:<region>:<account>:<name>} in the base credentials' account ({@link
   * StsHandler#account(String)}, default {@value #ACCOUNT}).
   */
  public String ensureTopic(String region, String name) {
    return ensureTopic(region, name, Map.of());
  }

  /** {@link #ensureTopic(String, String)}, and tags the topic (tags it has keep their values). */
  public synchronized String ensureTopic(String region, String name, Map<String, String> tags) {
    String account = identities.baseAccount();
    String arn = arn(region, account, name);
    if (!topics.containsKey(arn)) {
      Map<String, String> attributes = new LinkedHashMap<>();
      if (name.endsWith(".fifo")) {
        attributes.put("FifoTopic", "true");
      }
      create(region, account, name, attributes);
    }
    tags.forEach(topics.get(arn).tags::putIfAbsent);
    return arn;
  }

  /** Deletes a topic, as DeleteTopic does; false if there was none. */
  synchronized boolean deleteTopic(String arn) {
    return topics.remove(arn) != null;
  }

  /** Whether a topic exists. */
  public synchronized boolean hasTopic(String arn) {
    return topics.containsKey(arn);
  }

  /** The tags of a topic, empty if it has none or does not exist. */
  synchronized Map<String, String> tags(String arn) {
    Topic topic = topics.get(arn);
    return topic == null ? Map.of() : Map.copyOf(topic.tags);
  }

  /**
   * From now on Publish to this topic answers HTTP 403 {@code AuthorizationError}, as SNS answers a
   * caller whose policy or the topic's does not allow {@code sns:Publish}. The topic need not
   * exist: SNS checks authorization first.
   */
  public synchronized SnsHandler refusePublish(String topicArn) {
    refused.add(topicArn);
    return this;
  }

  /** Publish to this topic is allowed again. */
  public synchronized SnsHandler allowPublish(String topicArn) {
    refused.remove(topicArn);
    return this;
  }

  /** The ARNs of all topics, in every region, in order of creation. */
  public synchronized List<String> topics() {
    return List.copyOf(topics.keySet());
  }

  /** Every message accepted so far, oldest first. */
  public synchronized List<PublishedMessage> published() {
    return List.copyOf(published);
  }

  /** The messages accepted for one topic, oldest first. */
  public synchronized List<PublishedMessage> published(String topicArn) {
    return published.stream().filter(m -> m.topicArn().equals(topicArn)).toList();
  }

  /** Forgets the messages kept so far (topics and FIFO deduplication state stay). */
  public synchronized void clearPublished() {
    published.clear();
  }

  /** The ARN SNS gives a topic of this name in this region, in the default account. */
  public static String arn(String region, String name) {
    return arn(region, ACCOUNT, name);
  }

  /** The ARN SNS gives a topic of this name in this region and account. */
  public static String arn(String region, String account, String name) {
    return "arn:aws:sns:" + region + ":" + account + ":" + name;
  }

  /** The ARN of a topic of this name in this region, in the base credentials' account. */
  public String topicArn(String region, String name) {
    return arn(region, identities.baseAccount(), name);
  }

  // --- ServiceHandler ---

  @Override
  public SimResponse handle(SimRequest request) {
    QueryForm form = request.form();
    String region = request.region() == null ? "us-east-1" : request.region();
    String action = operation(request);
    return switch (action) {
      case "CreateTopic" -> createTopic(form, region, identities.caller(request).account());
      case "ListTopics" -> listTopics(form, region);
      case "GetTopicAttributes" -> topicAttributes(form);
      case "Publish" -> publish(form, identities.caller(request));
      default ->
          throw ServiceException.sender(
              "InvalidAction",
              "The action " + action + " is not valid for this web service (or not simulated).");
    };
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  /** SNS's 500 is the modeled InternalError. */
  @Override
  public ServiceError serverError() {
    return new ServiceError(500, "Receiver", "InternalError", "Internal Error");
  }

  // --- CreateTopic ---

  private SimResponse createTopic(QueryForm form, String region, String account) {
    String name = form.get("Name");
    if (name == null) {
      throw invalidParameter("Topic Name");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int n = 1; form.has("Attributes.entry." + n + ".key"); n++) {
      attributes.put(
          form.get("Attributes.entry." + n + ".key"),
          Objects.requireNonNullElse(form.get("Attributes.entry." + n + ".value"), ""));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int n = 1; form.has("Tags.member." + n + ".Key"); n++) {
      tags.put(
          form.get("Tags.member." + n + ".Key"),
          Objects.requireNonNullElse(form.get("Tags.member." + n + ".Value"), ""));
    }
    String arn;
    synchronized (this) {
      arn = create(region, account, name, attributes);
      topics.get(arn).tags.putAll(tags);
    }
    return protocol.result("CreateTopic", 200, xml -> xml.element("TopicArn", arn));
  }

  /** Creates or finds a topic; the caller holds the lock. */
  private String create(
      String region, String account, String name, Map<String, String> attributes) {
    boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    if (fifo && !FIFO_TOPIC_NAME.matcher(name).matches()) {
      throw invalidParameter(
          "Fifo Topic names must end with .fifo and must be made up of only uppercase and"
              + " lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1"
              + " and 256 characters long.");
    }
    if (!fifo && !TOPIC_NAME.matcher(name).matches()) {
      throw invalidParameter("Topic Name");
    }
    if (!fifo && attributes.containsKey("ContentBasedDeduplication")) {
      throw invalidParameter(
          "Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics");
    }
    String arn = arn(region, account, name);
    Topic existing = topics.get(arn);
    if (existing != null) {
      // Idempotent, unless the call asks for attributes the topic does not have.
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        if (!a.getValue().equalsIgnoreCase(existing.attributes.getOrDefault(a.getKey(), ""))) {
          throw invalidParameter(
              "Attributes Reason: Topic already exists with different attributes");
        }
      }
      return arn;
    }
    topics.put(arn, new Topic(arn, region, attributes));
    return arn;
  }

  // --- ListTopics ---

  private SimResponse listTopics(QueryForm form, String region) {
    List<String> arns;
    synchronized (this) {
      arns = topics.values().stream().filter(t -> t.region.equals(region)).map(t -> t.arn).toList();
    }
    long fingerprint = Noise.hash(0, "ListTopics\n" + region);
    int offset;
    try {
      offset = (int) PageToken.offset(form.get("NextToken"), fingerprint, arns.size());
    } catch (ServiceException e) {
      throw invalidParameter("NextToken");
    }
    int end = Math.min(arns.size(), offset + LIST_TOPICS_PAGE);
    List<String> page = arns.subList(offset, end);
    return protocol.result(
        "ListTopics",
        120 * page.size(),
        xml -> {
          xml.open("Topics");
          for (String arn : page) {
            xml.open("member").element("TopicArn", arn).close("member");
          }
          xml.close("Topics");
          if (end < arns.size()) {
            xml.element("NextToken", PageToken.of(end, fingerprint));
          }
        });
  }

  // --- GetTopicAttributes ---

  private SimResponse topicAttributes(QueryForm form) {
    String topicArn = form.get("TopicArn");
    if (topicArn == null) {
      throw invalidParameter("TopicArn");
    }
    if (!topicArn.startsWith("arn:aws:sns:") || topicArn.split(":", -1).length != 6) {
      throw invalidParameter("TopicArn");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    synchronized (this) {
      Topic topic = topics.get(topicArn);
      if (topic == null) {
        throw notFound();
      }
      // The attributes SNS answers for a topic nobody configured, in the order it lists them.
      attributes.put("Policy", defaultPolicy(topic));
      attributes.put("Owner", topic.account());
      attributes.put("SubscriptionsPending", "0");
      attributes.put("TopicArn", topic.arn);
      attributes.put("EffectiveDeliveryPolicy", EFFECTIVE_DELIVERY_POLICY);
      attributes.put("SubscriptionsConfirmed", "0");
      attributes.put("DisplayName", "");
      attributes.put("SubscriptionsDeleted", "0");
      attributes.putAll(topic.attributes);
      if (topic.fifo) {
        attributes.putIfAbsent("ContentBasedDeduplication", "false");
      }
    }
    return protocol.result(
        "GetTopicAttributes",
        200 + 120 * attributes.size(),
        xml -> {
          xml.open("Attributes");
          attributes.forEach(
              (key, value) ->
                  xml.open("entry").element("key", key).element("value", value).close("entry"));
          xml.close("Attributes");
        });
  }

  /** SNS's default delivery policy for HTTP endpoints, as GetTopicAttributes shows it. */
  private static final String EFFECTIVE_DELIVERY_POLICY =
      "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,"
          + "\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
          + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
          + "\"disableSubscriptionOverrides\":false,"
          + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

  /** The access policy SNS gives a new topic: its owner's account may do anything with it. */
  private static String defaultPolicy(Topic topic) {
    String account = topic.account();
    return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{"
        + "\"Sid\":\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
        + "\"Action\":[\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
        + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\","
        + "\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],"
        + "\"Resource\":\""
        + topic.arn
        + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\""
        + account
        + "\"}}}]}";
  }

  private static ServiceException notFound() {
    return new ServiceException(
        new ServiceError(404, "Sender", "NotFound", "Topic does not exist"));
  }

  // --- Publish ---

  private SimResponse publish(QueryForm form, Identities.Caller caller) {
    String topicArn = form.get("TopicArn") != null ? form.get("TopicArn") : form.get("TargetArn");
    if (topicArn == null) {
      throw invalidParameter(
          form.has("PhoneNumber")
              ? "PhoneNumber Reason: SMS is not simulated"
              : "TopicArn or TargetArn Reason: no value for required parameter");
    }
    String message = form.get("Message");
    if (message == null) {
      throw ServiceException.sender(
          "ValidationError",
          "1 validation error detected: Value null at 'message' failed to satisfy constraint:"
              + " Member must not be null");
    }
    if (message.isEmpty()) {
      throw invalidParameter("Empty message");
    }
    if (!topicArn.startsWith("arn:aws:sns:") || topicArn.split(":", -1).length != 6) {
      throw invalidParameter("TopicArn");
    }
    String subject = form.get("Subject");
    if (subject != null && !validSubject(subject)) {
      throw invalidParameter("Subject");
    }
    Map<String, PublishedMessage.Attribute> attributes = attributes(form);
    if (size(message, attributes) > MAX_MESSAGE_BYTES) {
      throw invalidParameter("Message too long");
    }
    if ("json".equals(form.get("MessageStructure"))) {
      checkStructure(message);
    }
    String groupId = form.get("MessageGroupId");
    String dedupId = form.get("MessageDeduplicationId");
    if (groupId != null && !FIFO_ID.matcher(groupId).matches()) {
      throw invalidParameter("MessageGroupId Reason: The MessageGroupId is not valid");
    }
    if (dedupId != null && !FIFO_ID.matcher(dedupId).matches()) {
      throw invalidParameter(
          "MessageDeduplicationId Reason: The MessageDeduplicationId is not valid");
    }

    Instant now = clock.instant();
    synchronized (this) {
      if (refused.contains(topicArn)) {
        throw new ServiceException(
            new ServiceError(
                403,
                "Sender",
                "AuthorizationError",
                "User: "
                    + caller.arn()
                    + " is not authorized to perform: SNS:Publish on resource: "
                    + topicArn
                    + " because no resource-based policy allows the SNS:Publish action"));
      }
      Topic topic = topics.get(topicArn);
      if (topic == null) {
        throw notFound();
      }
      String sequenceNumber = null;
      if (topic.fifo) {
        if (groupId == null) {
          throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        if (dedupId == null) {
          if (!topic.contentBasedDeduplication()) {
            throw invalidParameter(
                "The topic should either have ContentBasedDeduplication enabled or"
                    + " MessageDeduplicationId provided explicitly");
          }
          dedupId = sha256(message);
        }
        Accepted seen = topic.deduplication.get(dedupId);
        if (seen != null && seen.at().plus(DEDUPLICATION_WINDOW).isAfter(now)) {
          return publishResult(seen.messageId(), seen.sequenceNumber());
        }
        topic.deduplication.values().removeIf(a -> !a.at().plus(DEDUPLICATION_WINDOW).isAfter(now));
        // 20 digits, rising per topic, as SNS FIFO writes them.
        sequenceNumber = "1" + String.format("%019d", ++topic.sequence);
      } else if (dedupId != null) {
        throw invalidParameter(
            "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter"
                + " that is not valid for this topic type");
      }
      String messageId = UUID.randomUUID().toString();
      if (topic.fifo) {
        topic.deduplication.put(dedupId, new Accepted(messageId, sequenceNumber, now));
      }
      if (published.size() == KEPT) {
        published.remove(0);
      }
      // Standard topics take a MessageGroupId too, for SQS fair queues.
      published.add(
          new PublishedMessage(
              messageId,
              sequenceNumber,
              topicArn,
              subject,
              message,
              attributes,
              groupId,
              dedupId,
              now));
      return publishResult(messageId, sequenceNumber);
    }
  }

  private SimResponse publishResult(String messageId, String sequenceNumber) {
    return protocol.result(
        "Publish",
        150,
        xml -> xml.element("MessageId", messageId).element("SequenceNumber", sequenceNumber));
  }

  /**
   * SNS: a subject is at most 100 characters, not empty, and has no line breaks or other control
   * characters.
   */
  private static boolean validSubject(String subject) {
    if (subject.isEmpty() || subject.length() > MAX_SUBJECT || subject.isBlank()) {
      return false;
    }
    return subject.chars().noneMatch(Character::isISOControl);
  }

  private static Map<String, PublishedMessage.Attribute> attributes(QueryForm form) {
    Map<String, PublishedMessage.Attribute> attributes = new LinkedHashMap<>();
    for (int n = 1; form.has("MessageAttributes.entry." + n + ".Name"); n++) {
      String prefix = "MessageAttributes.entry." + n + ".";
      String name = form.get(prefix + "Name");
      String type = form.get(prefix + "Value.DataType");
      String string = form.get(prefix + "Value.StringValue");
      String binary = form.get(prefix + "Value.BinaryValue");
      if (!ATTRIBUTE_NAME.matcher(name).matches()
          || name.contains("..")
          || name.startsWith(".")
          || name.endsWith(".")
          || name.toLowerCase(Locale.ROOT).startsWith("aws.")
          || name.toLowerCase(Locale.ROOT).startsWith("amazon.")) {
        throw invalidValue("The message attribute name '" + name + "' is invalid.");
      }
      if (type == null || type.isEmpty()) {
        throw invalidValue(
            "The message attribute '" + name + "' must contain a non-empty attribute type.");
      }
      String base =
          type.contains(".") && !type.startsWith("String.Array")
              ? type.substring(0, type.indexOf('.'))
              : type;
      String value;
      switch (base) {
        case "String", "String.Array", "Number" -> {
          if (string == null || string.isEmpty()) {
            throw invalidValue(
                "The message attribute '"
                    + name
                    + "' must contain non-empty message attribute value for message attribute"
                    + " type '"
                    + base
                    + "'.");
          }
          if (base.equals("Number")) {
            try {
              new BigDecimal(string);
            } catch (NumberFormatException e) {
              throw invalidValue(
                  "The message attribute '" + name + "' has an invalid numeric value.");
            }
          }
          value = string;
        }
        case "Binary" -> {
          if (binary == null || binary.isEmpty()) {
            throw invalidValue(
                "The message attribute '"
                    + name
                    + "' must contain non-empty message attribute value for message attribute"
                    + " type 'Binary'.");
          }
          value = binary;
        }
        default ->
            throw invalidValue(
                "The message attribute '"
                    + name
                    + "' has an invalid message attribute type, the set of supported type"
                    + " prefixes is Binary, Number, and String.");
      }
      attributes.put(name, new PublishedMessage.Attribute(type, value));
    }
    return attributes;
  }

  /** What counts against the 256 KiB limit: the message and each attribute's name, type, value. */
  private static long size(String message, Map<String, PublishedMessage.Attribute> attributes) {
    long size = utf8(message);
    for (Map.Entry<String, PublishedMessage.Attribute> a : attributes.entrySet()) {
      size += utf8(a.getKey()) + utf8(a.getValue().dataType()) + utf8(a.getValue().value());
    }
    return size;
  }

  private static long utf8(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** With MessageStructure=json the message is a JSON object with at least a "default" string. */
  private static void checkStructure(String message) {
    JsonNode parsed;
    try {
      parsed = StrictJson.parse(message);
    } catch (IllegalArgumentException e) {
      throw invalidParameter("Message Structure - JSON message body failed to parse");
    }
    if (!parsed.isObject() || !parsed.path("default").isTextual()) {
      throw invalidParameter("Message Structure - No default entry in JSON message body");
    }
  }

  private static String sha256(String message) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static ServiceException invalidParameter(String what) {
    return ServiceException.sender("InvalidParameter", "Invalid parameter: " + what);
  }

  private static ServiceException invalidValue(String message) {
    return ServiceException.sender("ParameterValueInvalid", message);
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(operation, 0, xml -> {});
  }
}
