package dev.keyshell.console;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.provision.FastRun;
import dev.keyshell.provision.Minted;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.store.Stores;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code keyshell login}: an AWS console sign-in URL for a profile. A role profile signs in with
 * the role session keyshell mints for it; a plain IAM user with a GetFederationToken session from
 * the item's long-lived key, since the federation endpoint takes no GetSessionToken session.
 */
public final class ConsoleLogin {
  /** The federated session's policy: all the user may do (the session gets the intersection). */
  static final String ALLOW_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}]}";

  static final int FEDERATION_SECONDS = 3600;

  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final Provisioner provisioner;

  public ConsoleLogin(Env env, Dirs dirs, Stores stores, Provisioner provisioner) {
    this.env = env;
    this.dirs = dirs;
    this.stores = stores;
    this.provisioner = provisioner;
  }

  /** The sign-in URL; it holds a sign-in token, so it is never logged. */
  public String url(String profile, Optional<String> region, Optional<String> path) {
    // Every check of the run path first: the profile, its scope, its trust; and the role session.
    Minted minted = provisioner.provision(profile);
    String selected = FastRun.profile(Optional.ofNullable(profile), env);
    ProfileChainResolver resolver = ProfileChainResolver.load(AwsConfigFiles.of(env));
    ProfileChain chain = resolver.resolve(selected);
    Optional<String> where = region.or(minted::region);
    SessionCredentials session =
        chain.roles().isEmpty() ? federationToken(chain, resolver, where) : minted.credentials();
    SigninEndpoint.Partition partition = SigninEndpoint.Partition.of(where);
    SigninEndpoint endpoint =
        SigninEndpoint.of(env.get("KEYSHELL_SIGNIN_ENDPOINT").orElse(partition.federation()));
    return endpoint.loginUrl(session, SigninEndpoint.destination(partition, path, where));
  }

  private SessionCredentials federationToken(
      ProfileChain chain, ProfileChainResolver resolver, Optional<String> region) {
    ScopeLocator.Found found = ScopeLocator.firstTrusted(new ScopeLocator(env, dirs).all("aws"));
    if (found == null) {
      throw new KeyshellException(
          "no AWS credential is set up for this terminal or directory",
          "run: keyshell plugin init aws");
    }
    CredentialRef ref =
        Provisioner.pick(ScopeFile.parse(found.bytes(), found.path()), chain.rootProfile(), found);
    AwsKeys keys = AwsKeys.from(stores.open(ref.item().store()).read(ref.item()));
    StsSettings settings =
        StsSettings.of(env, resolver.profileFile(), chain, region.or(keys::region));
    try (StsMinter sts =
        new StsMinter(
            settings,
            serial -> {
              throw new IllegalStateException("GetFederationToken takes no MFA code");
            },
            Clock.systemUTC())) {
      return sts.getFederationToken(keys, name(settings.user()), ALLOW_ALL, FEDERATION_SECONDS);
    }
  }

  /** GetFederationToken's Name: 2 to 32 of {@code [\w+=,.@-]}; the user's login name. */
  static String name(String user) {
    String n = user.replaceAll("[^\\w+=,.@-]", "-");
    if (n.length() > 32) {
      n = n.substring(0, 32);
    }
    return n.length() < 2 ? "keyshell-" + n : n;
  }
}
