package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Temporary STS credentials: what the child process gets instead of the long-lived key. */
public record SessionCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  /** How long credentials must still be good for when they are handed to a child. */
  public static final Duration MARGIN = Duration.ofMinutes(5);

  /**
   * Refuses credentials that are expired or expire within {@link #MARGIN} at {@code now}: a child
   * must never be given them (DESIGN step 9).
   *
   * @param from where they came from, for the message
   */
  public void checkUsable(Instant now, String from) {
    if (expiration == null || !expiration.isAfter(now.plus(MARGIN))) {
      throw new KeyshellException(
          "the credentials from "
              + from
              + (expiration == null
                  ? " have no expiry"
                  : " expire at " + expirationText() + ", within 5 minutes or already past")
              + "; not handing them to a command",
          "check this computer's clock (date -u) and the STS endpoint; the current time is "
              + new SessionCredentials("", "", "", now).expirationText());
    }
  }

  /**
   * The expiry in RFC 3339 UTC to the second ({@code 2026-01-01T08:00:00Z}), as {@code
   * AWS_CREDENTIAL_EXPIRATION} and credential_process take it. Written out by hand: loading
   * java.time's formatter costs every warm {@code aws} a few milliseconds.
   */
  public String expirationText() {
    LocalDateTime t = LocalDateTime.ofEpochSecond(expiration.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(20);
    digits(sb, t.getYear(), 4).append('-');
    digits(sb, t.getMonthValue(), 2).append('-');
    digits(sb, t.getDayOfMonth(), 2).append('T');
    digits(sb, t.getHour(), 2).append(':');
    digits(sb, t.getMinute(), 2).append(':');
    digits(sb, t.getSecond(), 2).append('Z');
    return sb.toString();
  }

  private static StringBuilder digits(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  @Override
  public String toString() {
    return "SessionCredentials["
        + dev.keyshell.item.AwsKeys.mask(accessKeyId)
        + ", expires "
        + expiration
        + "]";
  }
}
