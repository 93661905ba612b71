package dev.keyshell.aws;

import java.time.Instant;

/** Temporary STS credentials: what the child process gets instead of the long-lived key. */
public record SessionCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  @Override
  public String toString() {
    return "SessionCredentials["
        + dev.keyshell.item.AwsKeys.mask(accessKeyId)
        + ", expires "
        + expiration
        + "]";
  }
}
