package dev.keyshell.setup;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.util.Optional;

/**
 * A long-lived AWS key pair read for import, from a credentials file section or the environment.
 * Its {@code toString()} shows the key id masked and never the secret.
 */
public record ImportedKeys(String accessKeyId, String secretAccessKey, Optional<String> region) {

  public ImportedKeys {
    requireToken(accessKeyId, "access key id");
    requireToken(secretAccessKey, "secret access key");
    region =
        (region == null ? Optional.<String>empty() : region)
            .map(String::trim)
            .filter(r -> !r.isEmpty());
  }

  /**
   * The keys of {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} ({@code --import-env}),
   * with {@code AWS_REGION} or else {@code AWS_DEFAULT_REGION}. Refuses temporary keys.
   */
  public static ImportedKeys fromEnv(Env env) {
    if (env.get("AWS_SESSION_TOKEN").or(() -> env.get("AWS_SECURITY_TOKEN")).isPresent()) {
      throw new KeyshellException(
          "the keys in the environment are temporary (AWS_SESSION_TOKEN is set) and would expire",
          "export the long-lived keys of an IAM user without AWS_SESSION_TOKEN,"
              + " or use --import-profile NAME");
    }
    String id = env.get("AWS_ACCESS_KEY_ID").orElseThrow(() -> unset("AWS_ACCESS_KEY_ID"));
    String secret =
        env.get("AWS_SECRET_ACCESS_KEY").orElseThrow(() -> unset("AWS_SECRET_ACCESS_KEY"));
    requireLongLived(id.trim(), "AWS_ACCESS_KEY_ID");
    return new ImportedKeys(
        id.trim(), secret.trim(), env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")));
  }

  /**
   * Refuses an STS key id ({@code ASIA...}): it only works with a session token and expires.
   *
   * @param where names the key's source in the message, e.g. {@code profile 'dev'}
   */
  static void requireLongLived(String accessKeyId, String where) {
    if (accessKeyId.startsWith("ASIA")) {
      throw new KeyshellException(
          where
              + " holds a temporary STS key ("
              + AwsKeys.mask(accessKeyId)
              + ") that would expire",
          "import the long-lived access key of an IAM user (AKIA...) instead");
    }
  }

  private static KeyshellException unset(String variable) {
    return new KeyshellException(
        variable + " is not set",
        "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --import-profile NAME");
  }

  private static void requireToken(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new KeyshellException("the " + what + " is empty", "check where the keys come from");
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      // Never echo the value: it may be the secret.
      throw new KeyshellException(
          "the " + what + " contains spaces or line breaks",
          "check where the keys come from: an AWS " + what + " is a single word");
    }
  }

  @Override
  public String toString() {
    return "ImportedKeys[" + AwsKeys.mask(accessKeyId) + region.map(r -> ", " + r).orElse("") + "]";
  }
}
