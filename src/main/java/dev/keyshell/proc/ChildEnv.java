package dev.keyshell.proc;

import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.core.Env;
import java.util.HashMap;
import java.util.Iterator;
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
    for (Iterator<String> names = out.keySet().iterator(); names.hasNext(); ) {
      if (isKeyshells(names.next())) {
        names.remove();
      }
    }
    return out;
  }

  public static Map<String, String> with(
      Env env, SessionCredentials creds, Optional<String> region, Optional<String> profile) {
    // Loops rather than lambdas: this runs on the warm path of every aws.
    Map<String, String> out = new HashMap<>(env.vars());
    for (Iterator<String> names = out.keySet().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (REMOVED.contains(name) || isKeyshells(name)) {
        names.remove();
      }
    }
    out.put("AWS_ACCESS_KEY_ID", creds.accessKeyId());
    out.put("AWS_SECRET_ACCESS_KEY", creds.secretAccessKey());
    out.put("AWS_SESSION_TOKEN", creds.sessionToken());
    out.put("AWS_CREDENTIAL_EXPIRATION", creds.expirationText());
    if (region.isPresent()) {
      out.put("AWS_REGION", region.get());
      out.put("AWS_DEFAULT_REGION", region.get());
    }
    if (profile.isPresent()) {
      out.put("AWS_PROFILE", profile.get());
    }
    // A root profile the files do not define has no settings to pass on, and aws would refuse it.
    String selected = out.get("AWS_PROFILE");
    if (selected == null || selected.isEmpty()) {
      selected = out.get("AWS_DEFAULT_PROFILE");
    }
    if (selected != null
        && !selected.isEmpty()
        && !selected.equals("default")
        && !ProfileSections.defined(env, selected)) {
      out.remove("AWS_PROFILE");
      out.remove("AWS_DEFAULT_PROFILE");
    }
    return out;
  }

  /** keyshell's secrets, and its warm JVM's hand-over to a full one (entry/FullJvm). */
  private static boolean isKeyshells(String name) {
    return isKeyshellSecret(name) || name.equals(HANDOVER);
  }

  /** Set by the warm JVM when it hands a cache miss to a full one; never the child's. */
  public static final String HANDOVER = "KEYSHELL_JVM";

  private static boolean isKeyshellSecret(String name) {
    return name.equals("KEYSHELL_VAULT_PASSPHRASE")
        || name.equals("KEYSHELL_VAULT_NEW_PASSPHRASE")
        || name.equals("AWS_VAULT_FILE_PASSPHRASE")
        || name.equals("OP_CONNECT_TOKEN")
        || name.equals("OP_SERVICE_ACCOUNT_TOKEN")
        || name.startsWith("OP_SESSION_");
  }
}
