package dev.keyshell.provision;

import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.AwsFiles;
import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Env;
import dev.keyshell.scope.ScopeLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key of the warm index: everything that decides which credentials {@code aws --profile P} gets
 * here, taken as raw bytes so no parser runs — the profile, every trusted scope file (their entries
 * merge), the AWS config and credentials files, and the variables that steer STS and the region.
 * Any change to them is a miss, and the cold path decides again, properly.
 */
public final class WarmKey {
  /** Environment variables that change the minted credentials or what the child is given. */
  static final List<String> VARIABLES =
      List.of(
          "AWS_CONFIG_FILE",
          "AWS_SHARED_CREDENTIALS_FILE",
          "AWS_ENDPOINT_URL",
          "AWS_ENDPOINT_URL_STS",
          "AWS_STS_REGIONAL_ENDPOINTS",
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_USE_FIPS_ENDPOINT",
          "AWS_ROLE_SESSION_NAME");

  private WarmKey() {}

  /** The key for {@code profile} with these scope files (the untrusted ones are left out). */
  public static String of(Env env, String profile, List<ScopeLocator.Found> scopes) {
    List<String> parts = new ArrayList<>();
    parts.add("warm2");
    parts.add(profile);
    for (ScopeLocator.Found scope : scopes) {
      if (scope.trusted()) {
        parts.add(scope.scope().id());
        parts.add(scope.path().toString());
        parts.add(Base64.getEncoder().encodeToString(scope.bytes()));
      }
    }
    for (String v : VARIABLES) {
      parts.add(v + "=" + env.vars().getOrDefault(v, ""));
    }
    parts.add(file(AwsFiles.config(env)));
    parts.add(file(AwsFiles.credentials(env)));
    return SessionCache.key(parts.toArray(new String[0]));
  }

  private static String file(Path p) {
    try {
      return p
          + "\u0000"
          + new String(BoundedFiles.read(p, BoundedFiles.CONFIG_MAX), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return p + "\u0000<absent>";
    }
  }
}
