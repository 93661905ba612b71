package dev.keyshell.sso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * keyshell's registration with the IAM Identity Center OIDC service (RegisterClient): kept sealed
 * and reused until it expires, as the AWS CLI does, so each sign-in does not register anew.
 */
public record OidcClient(String clientId, String clientSecret, Instant expiresAt) {
  private static final String VERSION = "keyshell-sso-client-v1";

  public OidcClient {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public byte[] encode() {
    return String.join(
            "\n", VERSION, Long.toString(expiresAt.getEpochSecond()), clientId, clientSecret)
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Optional<OidcClient> decode(byte[] bytes) {
    String[] p = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (p.length != 4 || !p[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OidcClient(p[2], p[3], Instant.ofEpochSecond(Long.parseLong(p[1]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "OidcClient[expires " + expiresAt + "]";
  }
}
