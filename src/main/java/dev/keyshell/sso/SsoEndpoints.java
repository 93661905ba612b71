package dev.keyshell.sso;

import dev.keyshell.core.Env;
import java.net.URI;
import java.util.Optional;

/**
 * Explicit endpoints for the OIDC service and the access portal (tests). Without them the SDK
 * resolves its own: {@code AWS_ENDPOINT_URL_SSO_OIDC}, {@code AWS_ENDPOINT_URL_SSO}, {@code
 * AWS_ENDPOINT_URL} and the profile's {@code endpoint_url}, else AWS's regional endpoints.
 */
public record SsoEndpoints(Optional<URI> oidc, Optional<URI> portal) {
  public static SsoEndpoints standard() {
    return new SsoEndpoints(Optional.empty(), Optional.empty());
  }

  /** What decides which service answers: a token from a stand-in is no good against AWS. */
  public String context(Env env) {
    return String.join(
        "|",
        env.vars().getOrDefault("AWS_ENDPOINT_URL_SSO_OIDC", ""),
        env.vars().getOrDefault("AWS_ENDPOINT_URL_SSO", ""),
        env.vars().getOrDefault("AWS_ENDPOINT_URL", ""),
        oidc.map(URI::toString).orElse(""),
        portal.map(URI::toString).orElse(""));
  }
}
