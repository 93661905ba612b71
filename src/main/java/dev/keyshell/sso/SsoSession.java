package dev.keyshell.sso;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one IAM Identity Center sign-in is for: the portal's start URL, the region of its OIDC
 * service, the scopes the client registers for, and the {@code [sso-session NAME]} it came from
 * (empty for a legacy profile that names the start URL itself). Profiles that share a session share
 * one sign-in and one token.
 */
public record SsoSession(
    Optional<String> name, String startUrl, String region, List<String> scopes) {

  /**
   * The scope that lets a token list and use account roles, and that gets a refresh token: the AWS
   * CLI registers with it when an sso-session names no scopes.
   */
  public static final String DEFAULT_SCOPE = "sso:account:access";

  public SsoSession {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(startUrl, "startUrl");
    Objects.requireNonNull(region, "region");
    scopes = List.copyOf(scopes);
  }

  /** How the user knows it: {@code sso-session 'NAME'}, else the start URL. */
  public String label() {
    return name.map(n -> "sso-session '" + n + "'").orElse(startUrl);
  }
}
