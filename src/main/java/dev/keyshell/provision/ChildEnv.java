package dev.keyshell.provision;

import dev.keyshell.aws.SessionCredentials;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child's environment: the user's, without any AWS credential it may hold or keyshell's own
 * secrets, plus the temporary credentials and the region.
 */
public final class ChildEnv {
  /** Variables that could carry a credential into the child, or that are keyshell's secrets. */
  static final List<String> REMOVED =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_SECURITY_TOKEN",
          "AWS_CREDENTIAL_EXPIRATION",
          "KEYSHELL_VAULT_PASSPHRASE",
          "OP_CONNECT_TOKEN",
          "OP_SERVICE_ACCOUNT_TOKEN");

  private ChildEnv() {}

  /** The environment for a command that needs no credentials: only keyshell's secrets removed. */
  public static Map<String, String> untouched(Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    out.keySet().removeIf(ChildEnv::isKeyshellSecret);
    return out;
  }

  public static Map<String, String> with(
      Map<String, String> env,
      SessionCredentials creds,
      Optional<String> region,
      Optional<String> profile) {
    Map<String, String> out = new HashMap<>(env);
    out.keySet().removeIf(k -> REMOVED.contains(k) || isKeyshellSecret(k));
    out.put("AWS_ACCESS_KEY_ID", creds.accessKeyId());
    out.put("AWS_SECRET_ACCESS_KEY", creds.secretAccessKey());
    out.put("AWS_SESSION_TOKEN", creds.sessionToken());
    out.put(
        "AWS_CREDENTIAL_EXPIRATION",
        DateTimeFormatter.ISO_INSTANT.format(creds.expiration().truncatedTo(ChronoUnit.SECONDS)));
    region.ifPresent(
        r -> {
          out.put("AWS_REGION", r);
          out.put("AWS_DEFAULT_REGION", r);
        });
    profile.ifPresent(p -> out.put("AWS_PROFILE", p));
    return out;
  }

  private static boolean isKeyshellSecret(String name) {
    return name.equals("KEYSHELL_VAULT_PASSPHRASE")
        || name.equals("OP_CONNECT_TOKEN")
        || name.equals("OP_SERVICE_ACCOUNT_TOKEN")
        || name.startsWith("OP_SESSION_");
  }
}
