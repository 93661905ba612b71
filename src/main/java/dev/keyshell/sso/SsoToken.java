package dev.keyshell.sso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM Identity Center access token, its refresh token (when the client registered for scopes)
 * its expiry and the region of the portal that issued it (for Logout), in the line format the
 * sealed cache holds. Never printed: {@link #toString()} shows only the expiry.
 */
public record SsoToken(
    String accessToken, Optional<String> refreshToken, Instant expiresAt, String region) {
  private static final String VERSION = "keyshell-sso-token-v1";

  public SsoToken {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(region, "region");
  }

  /** Whether the token is good for more than {@code margin} seconds at {@code now}. */
  public boolean freshAt(Instant now, java.time.Duration margin) {
    return expiresAt.isAfter(now.plus(margin));
  }

  public byte[] encode() {
    return String.join(
            "\n",
            VERSION,
            Long.toString(expiresAt.getEpochSecond()),
            region,
            accessToken,
            refreshToken.orElse(""))
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Optional<SsoToken> decode(byte[] bytes) {
    String[] p = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (p.length != 5 || !p[0].equals(VERSION) || p[3].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SsoToken(
              p[3],
              p[4].isEmpty() ? Optional.empty() : Optional.of(p[4]),
              Instant.ofEpochSecond(Long.parseLong(p[1])),
              p[2]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "SsoToken[expires "
        + expiresAt
        + (refreshToken.isPresent() ? ", refreshable" : "")
        + "]";
  }
}
