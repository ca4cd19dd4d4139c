package io.stackwatch.notify.message;

/** How a topic's messages are written, chosen per topic by what its subscribers read. */
public enum TopicFormat {
  /** Plain text with a subject, for e-mail subscriptions. */
  TEXT,
  /**
   * The custom-notification JSON of Amazon Q Developer in chat applications (formerly AWS Chatbot),
   * which renders it in Slack, Teams or Chime without a Lambda in between; it drops any other
   * message silently, hence a topic of its own.
   */
  CHATBOT
}
