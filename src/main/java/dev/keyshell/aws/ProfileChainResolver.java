package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Resolves the chain of an AWS profile as the cross-SDK assume-role spec does ({@code
 * source_profile}, {@code role_arn}, ...), judging only the profiles of that chain: whatever else
 * the files hold is none of keyshell's business.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html">
 *     Assume role credential provider</a>
 */
public final class ProfileChainResolver {
  private final ProfileFile profileFile;
  private final String where;

  /** {@code where} names the files in messages, e.g. {@code ~/.aws/config}. */
  public ProfileChainResolver(ProfileFile profileFile, String where) {
    this.profileFile = profileFile;
    this.where = where;
  }

  /** Reads both files (a missing file is an empty one); a malformed file is a one-line error. */
  public static ProfileChainResolver load(AwsConfigFiles files) {
    return new ProfileChainResolver(files.load(), files.config().toString());
  }

  /** The parsed files, for an STS client that must read the same {@code endpoint_url}. */
  public ProfileFile profileFile() {
    return profileFile;
  }

  /**
   * The chain for {@code selected}. A profile the files do not define at all (such as {@code
   * default} with no config file) is a root with no settings.
   */
  public ProfileChain resolve(String selected) {
    Optional<Map<String, String>> first = properties(selected);
    if (first.isEmpty()) {
      return ProfileChain.root(selected);
    }
    List<String> visited = new ArrayList<>();
    List<RoleStep> roles = new ArrayList<>();
    String name = selected;
    Map<String, String> profile = first.get();
    while (true) {
      if (visited.contains(name)) {
        visited.add(name);
        throw new KeyshellException(
            "AWS profiles form a loop through source_profile: " + String.join(" -> ", visited),
            "end the chain in a profile without role_arn (its keys come from keyshell's item)");
      }
      visited.add(name);
      // Past the selected profile, static keys make a profile the root (the spec's rule).
      if (visited.size() > 1 && hasStaticKeys(profile)) {
        break;
      }
      if (!profile.containsKey("role_arn") || profile.containsKey("web_identity_token_file")) {
        checkRoot(name, profile);
        break;
      }
      roles.add(step(name, profile));
      String source = profile.get("source_profile");
      if (source != null && profile.containsKey("credential_source")) {
        throw fail(name, "has both source_profile and credential_source", "keep source_profile");
      }
      if (profile.containsKey("credential_source")) {
        throw unsupported(name, "credential_source");
      }
      if (source == null || source.isBlank()) {
        throw fail(
            name,
            "has role_arn but no source_profile",
            "add source_profile = <the profile whose keys keyshell holds> to it in " + where);
      }
      if (source.equals(name)) {
        checkRoot(name, profile); // self-reference: its own keys sign its own role
        break;
      }
      String from = name;
      name = source;
      profile =
          properties(source)
              .orElseThrow(
                  () ->
                      new KeyshellException(
                          "AWS profile '"
                              + source
                              + "' (source_profile of '"
                              + from
                              + "') is not defined",
                          "define [profile "
                              + source
                              + "] in "
                              + where
                              + ", or fix source_profile"));
    }
    Collections.reverse(roles);
    Map<String, String> root = properties(name).orElseThrow();
    // A role profile without a region takes the root's, as aws-vault does: the root is the
    // account the user works in, and "You must specify a region" helps nobody.
    Optional<String> region = value(first.get(), "region").or(() -> value(root, "region"));
    return new ProfileChain(selected, name, value(root, "mfa_serial"), region, roles);
  }

  private static void checkRoot(String name, Map<String, String> profile) {
    if (profile.containsKey("credential_source")) {
      throw unsupported(name, "credential_source");
    }
    if (profile.containsKey("web_identity_token_file")) {
      throw unsupported(name, "web_identity_token_file");
    }
    // A root with sso_* settings is IAM Identity Center's (dev.keyshell.sso): served, not refused.
    if (profile.containsKey("credential_process")) {
      throw unsupported(name, "credential_process");
    }
  }

  private RoleStep step(String name, Map<String, String> profile) {
    Optional<Integer> duration =
        value(profile, "duration_seconds")
            .map(
                d -> {
                  try {
                    int seconds = Integer.parseInt(d);
                    if (seconds >= 900 && seconds <= 43200) {
                      return seconds;
                    }
                  } catch (NumberFormatException e) {
                    // fall through to the error
                  }
                  throw fail(
                      name,
                      "has duration_seconds = " + d + ", not a number of seconds from 900 to 43200",
                      "fix duration_seconds in " + where);
                });
    return new RoleStep(
        name,
        profile.get("role_arn").trim(),
        value(profile, "external_id"),
        value(profile, "role_session_name"),
        duration,
        value(profile, "mfa_serial"));
  }

  private static boolean hasStaticKeys(Map<String, String> profile) {
    return value(profile, "aws_access_key_id").isPresent()
        && value(profile, "aws_secret_access_key").isPresent();
  }

  /** A profile's properties with lower-case names: the spec reads keys case-insensitively. */
  private Optional<Map<String, String>> properties(String name) {
    return profileFile.profile(name).map(ProfileChainResolver::lowerCased);
  }

  /**
   * The SDK keeps {@code Role_Arn} and {@code role_arn} apart; when both exist the usual lower-case
   * spelling wins.
   */
  static Map<String, String> lowerCased(Profile profile) {
    Map<String, String> props = new HashMap<>();
    profile
        .properties()
        .forEach(
            (k, v) -> {
              String key = k.toLowerCase(Locale.ROOT);
              if (key.equals(k) || !props.containsKey(key)) {
                props.put(key, v);
              }
            });
    return props;
  }

  private static Optional<String> value(Map<String, String> profile, String key) {
    return Optional.ofNullable(profile.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static KeyshellException unsupported(String name, String key) {
    return new KeyshellException(
        "AWS profile '" + name + "' uses " + key + ", which keyshell does not support",
        "keyshell provides the root credentials itself: use source_profile = <a profile whose keys"
            + " keyshell holds> instead");
  }

  private static KeyshellException fail(String name, String problem, String hint) {
    return new KeyshellException("AWS profile '" + name + "' " + problem, hint);
  }
}
