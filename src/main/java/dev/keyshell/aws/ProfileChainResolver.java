package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
  /** The longest chain keyshell follows: deeper is a mistake, and each step is an STS call. */
  public static final int MAX_DEPTH = 32;

  private final ProfileFile profileFile;
  private final String where;
  private final Map<String, String> malformed;

  /** {@code where} names the files in messages, e.g. {@code ~/.aws/config}. */
  public ProfileChainResolver(ProfileFile profileFile, String where) {
    this(profileFile, where, Map.of());
  }

  /** {@code malformed}: profiles set aside by the parser, with its reason. */
  public ProfileChainResolver(
      ProfileFile profileFile, String where, Map<String, String> malformed) {
    this.profileFile = profileFile;
    this.where = where;
    this.malformed = Map.copyOf(malformed);
  }

  /** Reads both files (a missing file is an empty one); malformed sections are set aside. */
  public static ProfileChainResolver load(AwsConfigFiles files) {
    AwsConfigFiles.Loaded loaded = files.loadAll();
    return new ProfileChainResolver(
        loaded.profileFile(), files.config().toString(), loaded.malformed());
  }

  /** The parsed files, for an STS client that must read the same {@code endpoint_url}. */
  public ProfileFile profileFile() {
    return profileFile;
  }

  /** Whether the files define {@code name} (a malformed section still counts: it is there). */
  public boolean defines(String name) {
    return profileFile.profile(name).isPresent() || malformed.containsKey(name);
  }

  /** Every profile the files define, sorted. */
  public List<String> profileNames() {
    TreeSet<String> names = new TreeSet<>(profileFile.profiles().keySet());
    names.addAll(malformed.keySet());
    return List.copyOf(names);
  }

  /**
   * The chain for {@code selected}. A profile the files do not define at all (such as {@code
   * default} with no config file) is a root with no settings.
   */
  public ProfileChain resolve(String selected) {
    checkWellFormed(selected);
    Optional<Map<String, String>> first = properties(selected);
    if (first.isEmpty()) {
      return ProfileChain.root(selected);
    }
    List<String> visited = new ArrayList<>();
    List<RoleStep> roles = new ArrayList<>();
    String name = selected;
    Map<String, String> profile = first.get();
    RootSource root;
    while (true) {
      if (visited.contains(name)) {
        visited.add(name);
        throw new KeyshellException(
            "AWS profiles form a loop through source_profile: " + String.join(" -> ", visited),
            "end the chain in a profile without role_arn (its keys come from keyshell's item)");
      }
      visited.add(name);
      if (visited.size() > MAX_DEPTH) {
        throw new KeyshellException(
            "the chain of AWS profile '"
                + selected
                + "' is deeper than "
                + MAX_DEPTH
                + " profiles (source_profile after source_profile)",
            "shorten the chain in " + where + ": each step is one AssumeRole");
      }
      // Past the selected profile, static keys make a profile the root (the spec's rule).
      if (visited.size() > 1 && hasStaticKeys(profile)) {
        root = new RootSource(RootSource.Kind.OWN_KEYS, "aws_access_key_id");
        break;
      }
      if (!profile.containsKey("role_arn")) {
        Optional<String> exportOf = keyshellExportTarget(profile);
        if (exportOf.isPresent()
            && !exportOf.get().isEmpty()
            && !exportOf.get().equals(name)
            && sources(profile).isEmpty()) {
          // credential_process = keyshell export --profile T: T's chain, served directly.
          name = next(name, exportOf.get(), "--profile of the credential_process");
          profile = properties(name).orElseThrow();
          continue;
        }
        root = rootSource(profile);
        break;
      }
      if (profile.containsKey("web_identity_token_file")) {
        root = new RootSource(RootSource.Kind.LEFT_TO_AWS, "web_identity_token_file");
        break;
      }
      String source = value(profile, "source_profile").orElse(null);
      if (source != null && profile.containsKey("credential_source")) {
        throw fail(name, "has both source_profile and credential_source", "keep source_profile");
      }
      if (profile.containsKey("credential_source")) {
        root = new RootSource(RootSource.Kind.LEFT_TO_AWS, "credential_source");
        break;
      }
      roles.add(step(name, profile));
      if (source == null) {
        throw fail(
            name,
            "has role_arn but no source_profile",
            "add source_profile = <the profile whose keys keyshell holds> to it in " + where);
      }
      if (source.equals(name)) {
        // Self-reference: its own credentials sign its own role.
        root = hasStaticKeys(profile) ? rootSource(profile) : rootSource(withoutRole(profile));
        break;
      }
      name = next(name, source, "source_profile");
      profile = properties(name).orElseThrow();
    }
    Collections.reverse(roles);
    Map<String, String> rootProps = properties(name).orElseThrow();
    // A role profile without a region takes the root's, as aws-vault does: the root is the
    // account the user works in, and "You must specify a region" helps nobody.
    Optional<String> region = value(first.get(), "region").or(() -> value(rootProps, "region"));
    return new ProfileChain(selected, name, value(rootProps, "mfa_serial"), region, roles, root);
  }

  /** The profile {@code from} points to, which must be defined and well formed. */
  private String next(String from, String to, String what) {
    checkWellFormed(to);
    if (properties(to).isEmpty()) {
      throw new KeyshellException(
          "AWS profile '" + to + "' (" + what + " of '" + from + "') is not defined",
          "define [profile " + to + "] in " + where + ", or fix " + what);
    }
    return to;
  }

  private void checkWellFormed(String name) {
    String reason = malformed.get(name);
    if (reason != null) {
      throw new KeyshellException(
          "AWS profile '" + name + "' is malformed (" + reason + ")",
          "fix that line (the format:"
              + " https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html)");
    }
  }

  /** Where a root profile's own credentials come from, by the settings it has. */
  private static RootSource rootSource(Map<String, String> profile) {
    Optional<String> sso = sources(profile);
    if (sso.isPresent()) {
      return new RootSource(RootSource.Kind.SSO, sso.get());
    }
    if (value(profile, "aws_access_key_id").isPresent()) {
      return new RootSource(RootSource.Kind.OWN_KEYS, "aws_access_key_id");
    }
    for (String other : List.of("web_identity_token_file", "credential_source")) {
      if (profile.containsKey(other)) {
        return new RootSource(RootSource.Kind.LEFT_TO_AWS, other);
      }
    }
    if (profile.containsKey("credential_process")) {
      return keyshellExportTarget(profile).isPresent()
          ? RootSource.KEYSHELL
          : new RootSource(RootSource.Kind.LEFT_TO_AWS, "credential_process");
    }
    return RootSource.KEYSHELL;
  }

  /** IAM Identity Center settings, which aws itself serves (the first by name). */
  private static Optional<String> sources(Map<String, String> profile) {
    for (String named : List.of("sso_session", "sso_start_url")) {
      if (profile.containsKey(named)) {
        return Optional.of(named);
      }
    }
    return profile.keySet().stream().filter(k -> k.startsWith("sso_")).sorted().findFirst();
  }

  private static Map<String, String> withoutRole(Map<String, String> profile) {
    Map<String, String> copy = new HashMap<>(profile);
    copy.remove("role_arn");
    return copy;
  }

  /**
   * The profile of a {@code credential_process} that is keyshell's own {@code keyshell export
   * [--profile T] [--format json]}: T, or the empty string without {@code --profile}.
   */
  static Optional<String> keyshellExportTarget(Map<String, String> profile) {
    String command = profile.get("credential_process");
    if (command == null) {
      return Optional.empty();
    }
    String[] words = command.trim().replace("\"", "").replace("'", "").split("\\s+");
    if (words.length < 2
        || !(words[0].equals("keyshell") || words[0].endsWith("/keyshell"))
        || !words[1].equals("export")) {
      return Optional.empty();
    }
    String target = "";
    for (int i = 2; i < words.length; i++) {
      String w = words[i];
      if ((w.equals("--profile") || w.equals("--format")) && i + 1 < words.length) {
        if (w.equals("--profile")) {
          target = words[i + 1];
        }
        i++;
      } else if (w.startsWith("--profile=")) {
        target = w.substring("--profile=".length());
      } else if (!w.startsWith("--format=")) {
        return Optional.empty(); // some other command line: aws runs it
      }
    }
    return Optional.of(target);
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

  private static KeyshellException fail(String name, String problem, String hint) {
    return new KeyshellException("AWS profile '" + name + "' " + problem, hint);
  }
}
