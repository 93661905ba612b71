package dev.keyshell.sso;

import java.util.Objects;
import java.util.Optional;

/**
 * An AWS profile served by IAM Identity Center: its sign-in, and the account and role whose
 * credentials GetRoleCredentials returns. Both are empty for a token-only profile (one that names
 * just an {@code sso_session}, for {@code sso login}).
 */
public record SsoProfile(
    String profile, SsoSession session, Optional<String> accountId, Optional<String> roleName) {

  public SsoProfile {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleName, "roleName");
  }

  /** Whether GetRoleCredentials can be called: both the account and the role are named. */
  public boolean hasRole() {
    return accountId.isPresent() && roleName.isPresent();
  }
}
