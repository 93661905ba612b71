package dev.keyshell.provision;

import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.RootSource;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.ShellQuote;
import dev.keyshell.core.Suggestions;
import dev.keyshell.scope.ScopeEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which credential serves a selected AWS profile here, or that aws serves it itself (DESIGN
 * "Provisioning aws", steps 2 and 4). One credential per root profile and never a substitute: a
 * profile nobody defines is an error, a root with keys of its own is served only by an entry that
 * maps it by name, and the scope's default serves only roots without keys of their own.
 */
public final class CredentialChoice {
  private CredentialChoice() {}

  /** What to do for the selected profile. */
  public sealed interface Outcome permits Served, LeaveToAws {
    ProfileChain chain();
  }

  /** keyshell serves the chain: from an item, or through IAM Identity Center. */
  public sealed interface Served extends Outcome permits Serve, ServeSso {}

  /** keyshell signs in to IAM Identity Center for the root's role, then assumes the roles. */
  public record ServeSso(ProfileChain chain) implements Served {}

  /**
   * keyshell mints the chain from this scope entry's item.
   *
   * @param sameKeyAs when the root has keys of its own in the AWS files and the entry is the
   *     scope's default: that access key id, which the item must hold too (then it is the same
   *     identity, not a substitute)
   */
  public record Serve(ProfileChain chain, ScopeEntries.Entry entry, Optional<String> sameKeyAs)
      implements Served {
    public Serve(ProfileChain chain, ScopeEntries.Entry entry) {
      this(chain, entry, Optional.empty());
    }

    /** Refuses an item that does not hold the root's own key (see {@link #sameKeyAs}). */
    public void checkItemKey(String itemAccessKeyId, String credentialsFile) {
      if (sameKeyAs.isPresent() && !sameKeyAs.get().equals(itemAccessKeyId)) {
        throw ownKeys(chain.rootProfile(), chain.selectedProfile(), credentialsFile);
      }
    }
  }

  /** The chain ends in a source aws serves itself: run aws exactly as typed. */
  public record LeaveToAws(ProfileChain chain) implements Outcome {}

  /** No trusted scope has any entry here: nothing is set up (the first use of aws). */
  public static final class NotSetUp extends KeyshellException {
    private static final long serialVersionUID = 1L;

    public NotSetUp() {
      super(
          "no AWS credential is set up for this terminal or directory",
          "run: keyshell plugin init aws (in a terminal; see --help for the flags that script it)");
    }
  }

  /**
   * The outcome for {@code profile}, or the error that says why keyshell serves it with nothing.
   *
   * @param credentialsFile the credentials file as shown in messages
   */
  public static Outcome choose(
      String profile, ProfileChainResolver files, ScopeEntries scopes, String credentialsFile) {
    if (!profile.equals("default")
        && !files.defines(profile)
        && scopes.forProfile(profile).isEmpty()) {
      throw notFound(profile, files, scopes);
    }
    ProfileChain chain = files.resolve(profile);
    RootSource source = chain.rootSource();
    if (!source.servedByKeyshell()) {
      return new LeaveToAws(chain);
    }
    if (source.kind() == RootSource.Kind.SSO) {
      return new ServeSso(chain); // no item, no scope: the sign-in is the credential
    }
    String root = chain.rootProfile();
    Optional<ScopeEntries.Entry> byName = scopes.forProfile(root);
    if (byName.isPresent()) {
      return new Serve(chain, byName.get());
    }
    if (scopes.isEmpty()) {
      throw new NotSetUp(); // first use: the wizard can import it
    }
    Optional<ScopeEntries.Entry> fallback = scopes.defaultEntry();
    if (source.kind() == RootSource.Kind.OWN_KEYS) {
      // The default serves it only if it holds that very key: checked once the item is read.
      Optional<String> own =
          files.profileFile().profile(root).flatMap(p -> p.property("aws_access_key_id"));
      if (fallback.isEmpty() || own.isEmpty()) {
        throw ownKeys(root, profile, credentialsFile);
      }
      return new Serve(chain, fallback.get(), Optional.of(own.get().trim()));
    }
    if (fallback.isPresent()) {
      return new Serve(chain, fallback.get());
    }
    throw new KeyshellException(
        "no keyshell credential serves AWS profile '"
            + root
            + "' here: the scopes map other profiles only, and have no default",
        "run: keyshell plugin init aws --import-profile "
            + ShellQuote.quote(root)
            + " (or --item REF for an item you already have)");
  }

  static KeyshellException ownKeys(String root, String profile, String credentialsFile) {
    return new KeyshellException(
        "AWS profile '"
            + root
            + "' still has its own keys in "
            + credentialsFile
            + ", and no keyshell credential is set up for it"
            + (root.equals(profile) ? "" : " (it is the source of '" + profile + "')"),
        "import it: keyshell plugin init aws --import-profile "
            + ShellQuote.quote(root)
            + " --remove-plaintext; or run it without keyshell: command aws ...");
  }

  /** The AWS CLI's own words for a profile it cannot find, and the nearest name if near. */
  private static KeyshellException notFound(
      String profile, ProfileChainResolver files, ScopeEntries scopes) {
    List<String> known = new ArrayList<>(files.profileNames());
    known.addAll(scopes.mappedProfiles());
    Optional<String> near = Suggestions.closest(profile, known);
    return new KeyshellException(
        "The config profile (" + profile + ") could not be found",
        near.map(n -> "did you mean '" + n + "'? ").orElse("")
            + (known.isEmpty()
                ? "no profile is defined in the AWS files"
                : "profiles: " + String.join(", ", known.stream().distinct().sorted().toList())));
  }
}
