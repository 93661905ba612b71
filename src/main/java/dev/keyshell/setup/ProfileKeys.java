package dev.keyshell.setup;

import dev.keyshell.item.AwsKeys;
import java.util.Optional;

/**
 * A section of the credentials file that holds an access key, as the import wizard lists it: never
 * the secret, and the key id only masked when shown.
 *
 * @param profile the section's name
 * @param accessKeyId the section's {@code aws_access_key_id}
 * @param hasSessionToken whether the section also has a session token: temporary keys that would
 *     expire, so importing them is refused
 * @param region the section's {@code region}, if any
 */
public record ProfileKeys(
    String profile, String accessKeyId, boolean hasSessionToken, Optional<String> region) {

  /** The key id as it may be shown: {@code AKIA…WXYZ}. */
  public String maskedKeyId() {
    return AwsKeys.mask(accessKeyId);
  }

  @Override
  public String toString() {
    return "ProfileKeys["
        + profile
        + ", "
        + maskedKeyId()
        + (hasSessionToken ? ", temporary" : "")
        + region.map(r -> ", " + r).orElse("")
        + "]";
  }
}
