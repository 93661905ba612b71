package dev.keyshell.server;

import dev.keyshell.core.Env;
import dev.keyshell.proc.ChildEnv;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment of a child of {@code exec --server}: the user's without any AWS credential or
 * credential setting an SDK would use before the container endpoint (botocore's chain puts the
 * environment, profiles, web identity and SSO first), without keyshell's secrets, plus the
 * endpoint, its token and the region.
 */
public final class ServerEnv {
  /** Removed, as aws-vault's {@code exec --ecs-server} removes them, and a few more. */
  static final List<String> REMOVED =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_SECURITY_TOKEN",
          "AWS_CREDENTIAL_EXPIRATION",
          "AWS_CREDENTIAL_FILE",
          "AWS_PROFILE",
          "AWS_DEFAULT_PROFILE",
          "AWS_SDK_LOAD_CONFIG",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_ROLE_ARN",
          "AWS_ROLE_SESSION_NAME",
          // The relative URI is read before the full one; the token file before the token.
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");

  public static final String URI_VARIABLE = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  public static final String TOKEN_VARIABLE = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

  private ServerEnv() {}

  static Map<String, String> of(Env env, String uri, String token, Optional<String> region) {
    Map<String, String> out = ChildEnv.untouched(env.vars());
    out.keySet().removeAll(REMOVED);
    out.put(URI_VARIABLE, uri);
    out.put(TOKEN_VARIABLE, token);
    region.ifPresent(
        r -> {
          out.put("AWS_REGION", r);
          out.put("AWS_DEFAULT_REGION", r);
        });
    return out;
  }
}
