package dev.keyshell.provision;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.ChainMinter;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.Prompter;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.core.ShellQuote;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Item;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.store.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gets temporary credentials for a profile: from the warm index when it has them, else by reading
 * the scoped item, resolving the profile's chain and minting through the STS session cache. One
 * process at a time does this per profile and scope, so concurrent {@code aws} calls mint once.
 */
public final class Provisioner {
  /** The cache's namespaces: the warm index, and STS sessions by what produced them. */
  public static final List<String> CACHE_NAMESPACES = List.of("warm", "sessions");

  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final PrintStream err;
  private final Clock clock;
  private final SessionCache warm;
  private final SessionCache sessions;
  private final Optional<URI> endpointOverride;
  private final MfaCodes.Sleeper sleeper;

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

  /** Credentials for {@code profile} (null: AWS_PROFILE, AWS_DEFAULT_PROFILE, else default). */
  public Minted provision(String profile) {
    String p = FastRun.profile(Optional.ofNullable(profile), env);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all("aws");
    return provision(p, found.stream().filter(ScopeLocator.Found::trusted).findFirst());
  }

  /** Runs {@code command} with credentials for {@code profile}; returns its exit code. */
  public int exec(String profile, List<String> command) {
    Minted m = provision(profile);
    return ChildRunner.run(
        command, ChildEnv.with(env, m.credentials(), m.region(), Optional.ofNullable(profile)));
  }

  /** The cold path, given the scope file {@link FastRun} already found. */
  Minted provision(String profile, Optional<ScopeLocator.Found> scope) {
    ScopeLocator.Found found =
        scope.orElseThrow(
            () ->
                new KeyshellException(
                    "no AWS credential is set up for this terminal or directory",
                    "run: keyshell plugin init aws"));
    String warmKey = WarmKey.of(env, profile, found);
    try (SecureFiles.Lock lock = SecureFiles.lock(warm.lockFile(warmKey))) {
      // Another process may have minted while this one waited for the lock.
      Optional<CachedSession> hit = warm.get(warmKey, clock.instant());
      if (hit.isPresent()) {
        return new Minted(hit.get().credentials(), hit.get().region());
      }
      Minted minted = mint(profile, found);
      warm.put(warmKey, new CachedSession(minted.credentials(), minted.region()));
      return minted;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot use the session cache in " + dirs.cache() + ": " + e.getMessage(),
          "check that the directory is writable, or run: keyshell lock");
    }
  }

  private Minted mint(String profile, ScopeLocator.Found found) {
    ProfileChainResolver resolver = ProfileChainResolver.load(AwsConfigFiles.of(env));
    ProfileChain chain = resolver.resolve(profile);
    CredentialRef ref =
        pick(ScopeFile.parse(found.bytes(), found.path()), chain.rootProfile(), found);
    Instant readAt = clock.instant();
    Item item = stores.open(ref.item().store()).read(ref.item());
    AwsKeys keys = AwsKeys.from(item);
    // The item's Default Region is the last resort, as op plugin's.
    Optional<String> region = StsSettings.regionOf(env, chain).or(keys::region);
    StsSettings settings = StsSettings.of(env, resolver.profileFile(), chain, region);
    if (endpointOverride.isPresent()) {
      settings = settings.withEndpointOverride(endpointOverride.get());
    }
    MfaCodes codes = new MfaCodes(dirs.cache(), clock, err, sleeper);
    try (StsMinter minter =
        new StsMinter(settings, serial -> codes.code(serial, keys.otp(), readAt), clock)) {
      CachingSts sts =
          new CachingSts(
              minter, sessions, clock, ref.item().toString(), endpointContext(settings, resolver));
      SessionCredentials creds = new ChainMinter(sts).mint(keys, chain);
      return new Minted(creds, region);
    }
  }

  /**
   * What decides which STS answers: a session from LocalStack is no good against AWS. The region is
   * left out on purpose: STS sessions from any regional endpoint work everywhere.
   */
  private String endpointContext(StsSettings settings, ProfileChainResolver resolver) {
    String profileEndpoint =
        resolver
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

  /** The scope entry for the chain's root profile, else the scope's default. */
  private static CredentialRef pick(
      List<CredentialRef> refs, String rootProfile, ScopeLocator.Found found) {
    return refs.stream()
        .filter(r -> rootProfile.equals(r.profile()))
        .findFirst()
        .or(() -> refs.stream().filter(CredentialRef::isDefault).findFirst())
        .orElseThrow(
            () ->
                new KeyshellException(
                    "no credential for AWS profile '"
                        + rootProfile
                        + "' in the "
                        + found.scope().id()
                        + " scope ("
                        + found.path()
                        + ")",
                    "run: keyshell plugin init aws --scope "
                        + found.scope().id()
                        + " --import-profile "
                        + ShellQuote.quote(rootProfile)
                        + " (or --item REF for an item you already have)"));
  }
}
