package dev.keyshell.console;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.provision.CredentialChoice;
import dev.keyshell.provision.Minted;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.store.Stores;
import java.time.Clock;
import java.util.List;
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
    String selected = SelectedProfile.of(Optional.ofNullable(profile), env);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
    // provision() above refused a profile aws serves itself: this one is keyshell's.
    CredentialChoice.Serve serve = (CredentialChoice.Serve) provisioner.plan(selected, found);
    ProfileChain chain = serve.chain();
    Optional<String> where = region.or(minted::region);
    SessionCredentials session =
        chain.roles().isEmpty() ? federationToken(serve, where) : minted.credentials();
    SigninEndpoint.Partition partition = SigninEndpoint.Partition.of(where);
    SigninEndpoint endpoint =
        SigninEndpoint.of(env.get("KEYSHELL_SIGNIN_ENDPOINT").orElse(partition.federation()));
    return endpoint.loginUrl(session, SigninEndpoint.destination(partition, path, where));
  }

  private SessionCredentials federationToken(
      CredentialChoice.Serve serve, Optional<String> region) {
    ProfileChain chain = serve.chain();
    CredentialRef ref = serve.entry().ref();
    AwsKeys keys = AwsKeys.from(stores.open(ref.item().store()).read(ref.item()));
    AwsConfigFiles files = AwsConfigFiles.of(env);
    serve.checkItemKey(keys.accessKeyId(), files.credentials().toString());
    StsSettings settings =
        StsSettings.of(
            env, ProfileChainResolver.load(files).profileFile(), chain, region.or(keys::region));
    try (StsMinter sts = new StsMinter(settings, new NoMfa(), Clock.systemUTC())) {
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

  /** GetFederationToken takes no MFA code. */
  private static final class NoMfa implements MfaCodeSource {
    @Override
    public String code(String serial) {
      throw new IllegalStateException("GetFederationToken takes no MFA code");
    }

    @Override
    public void sent(String serial, boolean reached) {}
  }
}
