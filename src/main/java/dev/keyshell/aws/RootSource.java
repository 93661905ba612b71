package dev.keyshell.aws;

import java.util.Objects;

/**
 * Where the AWS files say a chain's root credentials come from, which decides whether keyshell
 * serves the chain at all (DESIGN "Provisioning aws", step 4).
 *
 * @param kind what kind of source
 * @param setting the setting that names it ({@code aws_access_key_id}, {@code sso_start_url},
 *     {@code credential_process}, ...), or empty for {@link Kind#KEYSHELL}
 */
public record RootSource(Kind kind, String setting) {

  /** The kinds of root source. */
  public enum Kind {
    /** No credential setting of its own (or keyshell's own credential_process): keyshell's item. */
    KEYSHELL,
    /** Long-lived keys in the AWS files: served only by an item mapped to this profile by name. */
    OWN_KEYS,
    /** IAM Identity Center ({@code sso_*}): keyshell signs in and serves it, with no item. */
    SSO,
    /** Another credential_process, credential_source or web identity. */
    LEFT_TO_AWS
  }

  public RootSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(setting, "setting");
  }

  public static final RootSource KEYSHELL = new RootSource(Kind.KEYSHELL, "");

  public boolean servedByKeyshell() {
    return kind != Kind.LEFT_TO_AWS;
  }
}
