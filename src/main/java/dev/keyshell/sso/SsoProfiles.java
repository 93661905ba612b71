package dev.keyshell.sso;

import dev.keyshell.core.KeyshellException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Reads IAM Identity Center settings from the AWS files as the cross-SDK spec does
 * (conformance/profile/assume-role-tests.json, the {@code Sso} cases): {@code sso_session} and its
 * {@code [sso-session NAME]}, or the legacy {@code sso_start_url}/{@code sso_region} in the
 * profile, with {@code sso_account_id} and {@code sso_role_name} always as a pair.
 *
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html">IAM
 *     Identity Center credential provider</a>
 */
public final class SsoProfiles {
  private static final String SECTION = "sso-session";
  private final ProfileFile profileFile;
  private final String where;

  /** {@code where} names the files in hints, e.g. {@code ~/.aws/config}. */
  public SsoProfiles(ProfileFile profileFile, String where) {
    this.profileFile = profileFile;
    this.where = where;
  }

  /** Whether {@code profile} names any IAM Identity Center setting ({@code sso_*}). */
  public static boolean isSso(Profile profile) {
    return profile.properties().keySet().stream().anyMatch(k -> k.startsWith("sso_"));
  }

  /** The profile's IAM Identity Center settings; empty when it has none. */
  public Optional<SsoProfile> read(String name) {
    Optional<Profile> found = profileFile.profile(name).filter(SsoProfiles::isSso);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Profile p = found.get();
    Optional<String> account = value(p, "sso_account_id");
    Optional<String> role = value(p, "sso_role_name");
    if (role.isPresent() && account.isEmpty()) {
      throw fail(
          name,
          "has sso_role_name but no sso_account_id",
          "add sso_account_id = <the account> to it in " + where);
    }
    if (account.isPresent() && role.isEmpty()) {
      throw fail(
          name,
          "has sso_account_id but no sso_role_name",
          "add sso_role_name = <the role's name> to it in " + where);
    }
    Optional<String> sessionName = value(p, "sso_session");
    SsoSession session =
        sessionName.isPresent() ? fromSection(name, p, sessionName.get()) : legacy(name, p);
    return Optional.of(new SsoProfile(name, session, account, role));
  }

  /** The profile's settings, which must name an account and a role. */
  public SsoProfile readWithRole(String name) {
    SsoProfile profile =
        read(name)
            .orElseThrow(
                () ->
                    fail(
                        name,
                        "has no IAM Identity Center settings",
                        "add sso_session, sso_account_id and sso_role_name to it in " + where));
    if (!profile.hasRole()) {
      throw fail(
          name,
          "names an IAM Identity Center session but no account and role",
          "add sso_account_id and sso_role_name to it, or use it only for: keyshell sso login");
    }
    return profile;
  }

  /** The {@code [sso-session NAME]} section on its own, for {@code sso login --sso-session}. */
  public SsoSession session(String sessionName) {
    Profile section =
        profileFile
            .getSection(SECTION, sessionName)
            .orElseThrow(
                () ->
                    new KeyshellException(
                        "no [sso-session " + sessionName + "] in " + where,
                        "add it with sso_start_url and sso_region, or check the name"));
    return sessionOf(section, sessionName);
  }

  private SsoSession fromSection(String profile, Profile p, String sessionName) {
    Profile section =
        profileFile
            .getSection(SECTION, sessionName)
            .orElseThrow(
                () ->
                    fail(
                        profile,
                        "names sso_session '"
                            + sessionName
                            + "', but no [sso-session "
                            + sessionName
                            + "] is defined",
                        "add [sso-session "
                            + sessionName
                            + "] with sso_start_url and sso_region to "
                            + where));
    // With a session, the URL and region belong to it; the profile may only repeat them.
    for (String key : List.of("sso_region", "sso_start_url")) {
      Optional<String> own = value(p, key);
      Optional<String> theirs = value(section, key);
      if (own.isPresent() && !own.equals(theirs)) {
        throw fail(
            profile,
            "sets "
                + key
                + ", which belongs in [sso-session "
                + sessionName
                + "] when sso_session is given",
            "move " + key + " to [sso-session " + sessionName + "] in " + where);
      }
    }
    return sessionOf(section, sessionName);
  }

  private SsoSession sessionOf(Profile section, String sessionName) {
    String url = required(section, "sso_start_url", "[sso-session " + sessionName + "]");
    String region = required(section, "sso_region", "[sso-session " + sessionName + "]");
    List<String> scopes =
        value(section, "sso_registration_scopes")
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList())
            .filter(l -> !l.isEmpty())
            .orElse(List.of(SsoSession.DEFAULT_SCOPE));
    return new SsoSession(Optional.of(sessionName), url, region, scopes);
  }

  /** A profile that names the start URL itself: no sso-session, no registration scopes. */
  private SsoSession legacy(String profile, Profile p) {
    String what = "AWS profile '" + profile + "'";
    return new SsoSession(
        Optional.empty(),
        required(p, "sso_start_url", what),
        required(p, "sso_region", what),
        List.of());
  }

  private String required(Profile p, String key, String what) {
    return value(p, key)
        .orElseThrow(
            () ->
                new KeyshellException(
                    what + " has IAM Identity Center settings but no " + key,
                    "add " + key + " to " + what + " in " + where));
  }

  private static Optional<String> value(Profile p, String key) {
    return p.property(key).map(String::trim).filter(v -> !v.isEmpty());
  }

  private KeyshellException fail(String profile, String problem, String hint) {
    return new KeyshellException("AWS profile '" + profile + "' " + problem, hint);
  }
}
