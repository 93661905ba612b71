package dev.keyshell.provision;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.ChainMinter;
import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.CachingSts;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Item;
import dev.keyshell.mfa.MfaCodes;
import dev.keyshell.mfa.MfaSources;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ChildRunner;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeEntries;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.sso.SsoCredentials;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gets temporary credentials for a profile: from the warm index when it has them, else by reading
 * the scoped item, resolving the profile's chain and minting through the STS session cache. One
 * process at a time does this per profile and scope, so concurrent {@code aws} calls mint once.
 */
public final class Provisioner {
  /** The cache's namespaces: the warm index, and STS sessions by what produced them. */
  public static final List<String> CACHE_NAMESPACES = List.of("warm", "sessions", "sso");

  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final PrintStream err;
  private final Clock clock;
  private final SessionCache warm;
  private final SessionCache sessions;
  private final Optional<URI> endpointOverride;
  private final MfaCodes.Sleeper sleeper;
  private ProfileChainResolver resolver;
  private List<String> lastUses = List.of();

  Provisioner(
      Env env,
      Dirs dirs,
      Stores stores,
      PrintStream err,
      Clock clock,
      Optional<URI> endpointOverride,
      MfaCodes.Sleeper sleeper) {
    this.env = env;
    this.dirs = dirs;
    this.stores = stores;
    this.err = err;
    this.clock = clock;
    this.endpointOverride = endpointOverride;
    this.sleeper = sleeper;
    CacheKey key = new CacheKey(dirs.runtime());
    this.warm = new SessionCache(dirs.cache(), "warm", key);
    this.sessions = new SessionCache(dirs.cache(), "sessions", key);
  }

  public static Provisioner create(
      Env env, Dirs dirs, Stores stores, Prompter prompter, PrintStream err) {
    return new Provisioner(
        env,
        dirs,
        stores,
        err,
        Clock.systemUTC(),
        Optional.empty(),
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Credentials for {@code profile} (null: AWS_PROFILE, AWS_DEFAULT_PROFILE, else default), for
   * {@code exec} and {@code export}: a profile that aws serves itself is an error here.
   */
  public Minted provision(String profile) {
    String p = SelectedProfile.of(Optional.ofNullable(profile), env);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
    CredentialChoice.Outcome outcome = plan(p, found);
    if (outcome instanceof CredentialChoice.Served served) {
      return provision(p, found, served);
    }
    ProfileChain chain = outcome.chain();
    throw new KeyshellException(
        "AWS profile '"
            + p
            + "' gets its credentials from "
            + chain.rootSource().setting()
            + (chain.rootProfile().equals(p) ? "" : " (in profile '" + chain.rootProfile() + "')")
            + ", which aws serves itself, not keyshell",
        "run the command without keyshell; a plain aws in a shell with plugins.sh leaves this"
            + " profile to aws");
  }

  /** Runs {@code command} with credentials for {@code profile}; returns its exit code. */
  public int exec(String profile, List<String> command) {
    Minted m = provision(profile);
    return ChildRunner.run(
        command, ChildEnv.with(env, m.credentials(), m.region(), Optional.ofNullable(profile)));
  }

  /**
   * Which credential serves {@code profile} with these scope files, or that aws serves it itself.
   *
   * @throws CredentialChoice.NotSetUp when no trusted scope has any entry
   */
  public CredentialChoice.Outcome plan(String profile, List<ScopeLocator.Found> found) {
    return CredentialChoice.choose(
        profile,
        resolver(),
        ScopeEntries.of(found),
        AwsConfigFiles.of(env).credentials().toString());
  }

  /**
   * The cold path for a planned profile: the warm index again under its lock (another process may
   * have minted meanwhile), else a mint through the STS session cache.
   */
  public Minted provision(
      String profile, List<ScopeLocator.Found> found, CredentialChoice.Served served) {
    String warmKey = WarmKey.of(env, profile, found);
    try (SecureFiles.Lock lock = SecureFiles.lock(warm.lockFile(warmKey))) {
      Optional<CachedSession> hit = warm.get(warmKey, clock.instant());
      if (hit.isPresent()) {
        return new Minted(hit.get().credentials(), hit.get().region());
      }
      Minted minted =
          served instanceof CredentialChoice.Serve serve
              ? mint(serve)
              : mintSso((CredentialChoice.ServeSso) served);
      minted.credentials().checkUsable(clock.instant(), "STS");
      warm.put(warmKey, new CachedSession(minted.credentials(), minted.region()));
      warm.putUses(warmKey, lastUses);
      return minted;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot use the session cache in " + dirs.cache() + ": " + e.getMessage(),
          "check that the directory is writable, or run: keyshell lock");
    }
  }

  private ProfileChainResolver resolver() {
    if (resolver == null) {
      resolver = ProfileChainResolver.load(AwsConfigFiles.of(env));
    }
    return resolver;
  }

  private Minted mint(CredentialChoice.Serve serve) {
    ProfileChain chain = serve.chain();
    CredentialRef ref = serve.entry().ref();
    Instant readAt = clock.instant();
    Item item = stores.open(ref.item().store()).read(ref.item());
    AwsKeys keys = AwsKeys.from(item);
    serve.checkItemKey(keys.accessKeyId(), AwsConfigFiles.of(env).credentials().toString());
    Optional<String> region = regionOf(chain, keys);
    StsSettings settings = stsSettings(chain, keys);
    try (StsMinter minter = new StsMinter(settings, mfaCodes(chain, item, readAt), clock)) {
      CachingSts sts =
          new CachingSts(minter, sessions, clock, ref.item().toString(), endpointContext(settings));
      SessionCredentials creds;
      try {
        creds = new ChainMinter(sts).mint(keys, chain);
      } catch (CachingSts.CachedSessionRejected e) {
        // AWS no longer takes a cached session (revoked, or the key rotated): CachingSts dropped
        // it; mint once more from the long-lived key.
        err.println("keyshell: " + e.getMessage() + "; minting a new one");
        err.flush();
        creds = new ChainMinter(sts).mint(keys, chain);
      }
      lastUses = sts.used();
      return new Minted(creds, region);
    }
  }

  /** The region of a chain served by {@code keys}: the item's Default Region last, as op's. */
  private Optional<String> regionOf(ProfileChain chain, AwsKeys keys) {
    return StsSettings.regionOf(env, chain).or(keys::region);
  }

  /** How STS is called for a chain served by the item holding {@code keys} (also for rotate). */
  public StsSettings stsSettings(ProfileChain chain, AwsKeys keys) {
    StsSettings settings =
        StsSettings.of(env, resolver().profileFile(), chain, regionOf(chain, keys));
    return endpointOverride.map(settings::withEndpointOverride).orElse(settings);
  }

  /** MFA codes for the chain's device from the sources of {@code item} and the profile. */
  public MfaCodeSource mfaCodes(ProfileChain chain, Item item, Instant readAt) {
    MfaCodes codes = new MfaCodes(dirs.cache(), clock, err, sleeper, MfaSources.system(env, err));
    return codes.forItem(item.fields(), readAt, mfaProfile(chain));
  }

  /** An IAM Identity Center root: its role credentials, then the chain's roles on top. */
  private Minted mintSso(CredentialChoice.ServeSso serve) {
    ProfileChain chain = serve.chain();
    SessionCredentials source =
        SsoCredentials.create(env, dirs, err)
            .forProfile(resolver().profileFile(), chain.rootProfile());
    Optional<String> region = StsSettings.regionOf(env, chain);
    if (chain.roles().isEmpty()) {
      lastUses = List.of();
      return new Minted(source, region);
    }
    StsSettings settings = StsSettings.of(env, resolver().profileFile(), chain, region);
    if (endpointOverride.isPresent()) {
      settings = settings.withEndpointOverride(endpointOverride.get());
    }
    MfaCodes codes = new MfaCodes(dirs.cache(), clock, err, sleeper, MfaSources.system(env, err));
    try (StsMinter minter =
        new StsMinter(
            settings, codes.forItem(List.of(), clock.instant(), mfaProfile(chain)), clock)) {
      CachingSts sts =
          new CachingSts(
              minter, sessions, clock, "sso:" + chain.rootProfile(), endpointContext(settings));
      SessionCredentials creds = new ChainMinter(sts).mintFrom(source, chain);
      lastUses = sts.used();
      return new Minted(creds, region);
    }
  }

  /**
   * The settings that say how to get an MFA code (mfa_process): the root's, the selected's over.
   */
  private Map<String, String> mfaProfile(ProfileChain chain) {
    Map<String, String> props = new HashMap<>();
    for (String name : List.of(chain.rootProfile(), chain.selectedProfile())) {
      resolver().profileFile().profile(name).ifPresent(p -> props.putAll(p.properties()));
    }
    return props;
  }

  /**
   * What decides which STS answers: a session from LocalStack is no good against AWS. The region is
   * left out on purpose: STS sessions from any regional endpoint work everywhere.
   */
  private String endpointContext(StsSettings settings) {
    String profileEndpoint =
        resolver()
            .profileFile()
            .profile(settings.profile())
            .flatMap(p -> p.property("endpoint_url"))
            .orElse("");
    return String.join(
        "|",
        env.vars().getOrDefault("AWS_ENDPOINT_URL_STS", ""),
        env.vars().getOrDefault("AWS_ENDPOINT_URL", ""),
        profileEndpoint,
        endpointOverride.map(URI::toString).orElse(""));
  }
}
