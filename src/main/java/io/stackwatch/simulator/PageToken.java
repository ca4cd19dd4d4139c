package io.stackwatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque NextToken values: the position to resume from plus a fingerprint of the request, so a
 * token used with a different request is refused as AWS refuses it.
 */
final class PageToken {

  private PageToken() {}

  static String of(long offset, long fingerprint) {
    String plain = "v1:" + offset + ":" + Long.toHexString(fingerprint);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Where to resume: 0 for no token.
   *
   * @throws ServiceException {@code InvalidNextToken} if the token is not one of ours for this
   *     request
   */
  static long offset(String token, long fingerprint, long total) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      String[] parts = plain.split(":");
      if (parts.length == 3
          && parts[0].equals("v1")
          && Long.parseUnsignedLong(parts[2], 16) == fingerprint) {
        long offset = Long.parseLong(parts[1]);
        if (offset >= 0 && offset <= total) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64 or not numbers: same answer as a token for another request
    }
    throw ServiceException.sender(
        "InvalidNextToken", "The service couldn't process the NextToken.");
  }
}
