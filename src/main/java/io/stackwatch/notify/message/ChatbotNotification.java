package io.stackwatch.notify.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A custom notification of Amazon Q Developer in chat applications (formerly AWS Chatbot), as its
 * event schema defines it: {@code version} 1.0, {@code source} custom, {@code content} in the chat
 * platform's markdown ({@code client-markdown}), and {@code metadata} whose {@code threadId} keeps
 * the follow-ups of one incident in one thread.
 *
 * @param version always {@code 1.0}
 * @param source always {@code custom}
 * @param content what the channel shows
 * @param metadata threading and summary
 */
@JsonPropertyOrder({"version", "source", "content", "metadata"})
public record ChatbotNotification(
    String version, String source, Content content, Metadata metadata) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the channel shows.
   *
   * @param textType always {@code client-markdown}, the only type the schema supports
   * @param title the headline
   * @param description the body, in markdown
   * @param nextSteps what to do, one step per entry
   * @param keywords tags shown with the notification
   */
  @JsonPropertyOrder({"textType", "title", "description", "nextSteps", "keywords"})
  public record Content(
      String textType,
      String title,
      String description,
      List<String> nextSteps,
      List<String> keywords) {}

  /**
   * Threading and summary.
   *
   * @param threadId notifications with the same id thread together; null for none
   * @param summary a one-line summary, as the e-mail subject
   * @param eventType {@code firing}, {@code resolved} or {@code digest}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"threadId", "summary", "eventType"})
  public record Metadata(String threadId, String summary, String eventType) {}

  public static ChatbotNotification of(Content content, Metadata metadata) {
    return new ChatbotNotification("1.0", "custom", content, metadata);
  }

  /** The JSON published as the SNS message, indented so it also reads in a raw delivery. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a chat notification: " + e.getMessage(), e);
    }
  }
}
