package dev.keyshell.aws;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to mint credentials for a selected AWS profile: the root profile (whose keys come from the
 * scoped item, never from the files), its MFA device, the region, the roles to assume in order from
 * the root outward, and where the files say the root's credentials come from.
 */
public record ProfileChain(
    String selectedProfile,
    String rootProfile,
    Optional<String> rootMfaSerial,
    Optional<String> region,
    List<RoleStep> roles,
    RootSource rootSource) {

  public ProfileChain {
    Objects.requireNonNull(selectedProfile, "selectedProfile");
    Objects.requireNonNull(rootProfile, "rootProfile");
    Objects.requireNonNull(rootMfaSerial, "rootMfaSerial");
    Objects.requireNonNull(region, "region");
    roles = List.copyOf(roles);
    Objects.requireNonNull(rootSource, "rootSource");
  }

  public ProfileChain(
      String selectedProfile,
      String rootProfile,
      Optional<String> rootMfaSerial,
      Optional<String> region,
      List<RoleStep> roles) {
    this(selectedProfile, rootProfile, rootMfaSerial, region, roles, RootSource.KEYSHELL);
  }

  /** A chain of just the root: no roles, no settings (a profile the files do not define). */
  public static ProfileChain root(String profile) {
    return new ProfileChain(
        profile, profile, Optional.empty(), Optional.empty(), List.of(), RootSource.KEYSHELL);
  }

  /**
   * The MFA device the chain names: the root's {@code mfa_serial}, else the first role's that has
   * one. One GetSessionToken with it serves every role (aws-vault does the same).
   */
  public Optional<String> mfaSerial() {
    return rootMfaSerial.or(() -> roles.stream().flatMap(r -> r.mfaSerial().stream()).findFirst());
  }
}
