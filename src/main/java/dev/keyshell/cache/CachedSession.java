package dev.keyshell.cache;

import dev.keyshell.aws.SessionCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A cached STS result and the region the child should see, in a line format read without a JSON
 * parser (it is decoded on the warm path): version, expiry, key id, secret, token, region.
 */
public record CachedSession(SessionCredentials credentials, Optional<String> region) {
  private static final String VERSION = "keyshell-session-v1";

  public byte[] encode() {
    String s =
        String.join(
            "\n",
            VERSION,
            Long.toString(credentials.expiration().getEpochSecond()),
            credentials.accessKeyId(),
            credentials.secretAccessKey(),
            credentials.sessionToken(),
            region.orElse(""));
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes {@link #encode()}'s output; empty for anything else. */
  public static Optional<CachedSession> decode(byte[] bytes) {
    String[] p = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (p.length != 6 || !p[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      Instant exp = Instant.ofEpochSecond(Long.parseLong(p[1]));
      return Optional.of(
          new CachedSession(
              new SessionCredentials(p[2], p[3], p[4], exp),
              p[5].isEmpty() ? Optional.empty() : Optional.of(p[5])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "CachedSession[" + credentials + "]";
  }
}
