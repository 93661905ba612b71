package dev.keyshell.sso;

import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * IAM Identity Center for keyshell: the role credentials of an SSO profile (GetRoleCredentials with
 * the session's token, cached sealed as STS sessions are), and the sign-in, status and sign-out
 * behind {@code keyshell sso}. Role chains on top are the caller's, with these as the source.
 */
public final class SsoCredentials {
  private static final String WHERE = "your AWS config file";

  private final Env env;
  private final Clock clock;
  private final SsoEndpoints endpoints;
  private final SealedStore store;
  private final SessionCache sessions;
  private final SsoTokens tokens;

  SsoCredentials(
      Env env,
      Dirs dirs,
      PrintStream err,
      Clock clock,
      SsoEndpoints endpoints,
      DeviceSignIn.Sleeper sleeper) {
    this.env = env;
    this.clock = clock;
    this.endpoints = endpoints;
    CacheKey key = new CacheKey(dirs.runtime());
    this.store = new SealedStore(dirs.cache(), key);
    // The "sessions" namespace: keyshell lock forgets role credentials with the STS sessions.
    this.sessions = new SessionCache(dirs.cache(), "sessions", key);
    this.tokens =
        new SsoTokens(
            store,
            dirs.runtime(),
            clock,
            err,
            new DeviceSignIn(env, err, new Browser(env), clock, sleeper));
  }

  public static SsoCredentials create(Env env, Dirs dirs, PrintStream err) {
    return new SsoCredentials(
        env,
        dirs,
        err,
        Clock.systemUTC(),
        SsoEndpoints.standard(),
        d -> Thread.sleep(d.toMillis()));
  }

  /** Whether {@code profileName} is served by IAM Identity Center (it names any sso_* setting). */
  public static boolean isSsoProfile(ProfileFile profileFile, String profileName) {
    return profileFile.profile(profileName).filter(SsoProfiles::isSso).isPresent();
  }

  /**
   * The role credentials of the SSO root profile {@code rootProfileName}: cached ones with more
   * than five minutes left, else GetRoleCredentials with the session's token (signing in when
   * needed).
   */
  public SessionCredentials forProfile(ProfileFile profileFile, String rootProfileName) {
    SsoProfile profile = new SsoProfiles(profileFile, WHERE).readWithRole(rootProfileName);
    SsoSession session = profile.session();
    String account = profile.accountId().orElseThrow();
    String role = profile.roleName().orElseThrow();
    String context = endpoints.context(env);
    String key =
        SessionCache.key(
            "GetRoleCredentials", SsoTokens.tokenName(session, context), account, role);
    Optional<CachedSession> hit = sessions.get(key, clock.instant());
    if (hit.isPresent()) {
      return hit.get().credentials();
    }
    try {
      return SharedLock.with(
          sessions.lockFile(key),
          () -> {},
          () -> {
            // Another caller may have fetched them while this one waited.
            Optional<CachedSession> now = sessions.get(key, clock.instant());
            if (now.isPresent()) {
              return now.get().credentials();
            }
            SessionCredentials fresh = mint(profileFile, rootProfileName, session, account, role);
            sessions.put(key, new CachedSession(fresh, Optional.empty()));
            return fresh;
          });
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot use the session cache: " + e.getMessage(),
          "check that the cache directory is writable, or run: keyshell lock");
    }
  }

  private SessionCredentials mint(
      ProfileFile profileFile, String profile, SsoSession session, String account, String role) {
    String context = endpoints.context(env);
    try (IdentityCenter center = center(session, profileFile, profile)) {
      try {
        return center.roleCredentials(tokens.token(center, context), account, role);
      } catch (SsoErrors.TokenRejected rejected) {
        // Signed out elsewhere or revoked: refresh or sign in again, once.
        tokens.expire(session, context);
        return center.roleCredentials(tokens.token(center, context), account, role);
      }
    }
  }

  /**
   * Signs in for {@code session} (a profile's, or an {@code [sso-session]}'s) unless a good token
   * is stored; {@code force} signs in anew regardless. Returns the status line.
   */
  public String login(SsoSession session, ProfileFile profileFile, String profile, boolean force) {
    String context = endpoints.context(env);
    try (IdentityCenter center = center(session, profileFile, profile)) {
      if (force) {
        tokens.signInAgain(center, context);
      } else {
        tokens.token(center, context);
      }
    }
    return status(session);
  }

  /**
   * The session's state and expiry as one line, for {@code sso login} and {@code plugin inspect}:
   * e.g. {@code sso-session 'corp' (https://corp.awsapps.com/start): signed in until
   * 2026-01-01T08:00:00Z, refreshable}.
   */
  public String status(SsoSession session) {
    Optional<SsoToken> t = tokens.stored(session, endpoints.context(env));
    String who =
        session.label() + (session.name().isPresent() ? " (" + session.startUrl() + ")" : "");
    if (t.isEmpty()) {
      return who + ": not signed in (keyshell sso login)";
    }
    SsoToken token = t.get();
    String until = new SessionCredentials("", "", "", token.expiresAt()).expirationText();
    Instant now = clock.instant();
    if (token.expiresAt().isAfter(now)) {
      return who
          + ": signed in until "
          + until
          + (token.refreshToken().isPresent() ? ", refreshed silently" : ", then a new sign-in");
    }
    return who
        + ": expired at "
        + until
        + (token.refreshToken().isPresent()
            ? ", refreshed at next use"
            : ", signs in again at next use");
  }

  /**
   * The status line of {@code rootProfile}'s session (see {@link #status}), for {@code plugin
   * inspect}; empty when the profile is not an IAM Identity Center one.
   */
  public Optional<String> statusOfProfile(ProfileFile profileFile, String rootProfile) {
    return new SsoProfiles(profileFile, WHERE).read(rootProfile).map(p -> status(p.session()));
  }

  /** The IAM Identity Center settings of {@code profile}, for {@code sso login --profile}. */
  public static SsoSession sessionOfProfile(ProfileFile profileFile, String profile) {
    return new SsoProfiles(profileFile, WHERE)
        .read(profile)
        .orElseThrow(
            () ->
                new KeyshellException(
                    "AWS profile '" + profile + "' has no IAM Identity Center settings",
                    "add sso_session (with its [sso-session NAME]) to it, or name the session:"
                        + " keyshell sso login --sso-session NAME"))
        .session();
  }

  /** The {@code [sso-session NAME]} section, for {@code sso login --sso-session}. */
  public static SsoSession namedSession(ProfileFile profileFile, String name) {
    return new SsoProfiles(profileFile, WHERE).session(name);
  }

  /**
   * Forgets every stored token and client registration, after a best-effort Logout of each token at
   * its portal; returns how many sign-ins were forgotten. Cached role credentials stay until they
   * expire or {@code keyshell lock}.
   */
  public int logout(ProfileFile profileFile, String profile) throws IOException {
    int tokensForgotten = 0;
    for (SsoToken token : store.all(SsoToken::decode)) {
      tokensForgotten++;
      SsoSession at = new SsoSession(Optional.empty(), "", token.region(), java.util.List.of());
      try (IdentityCenter center = center(at, profileFile, profile)) {
        center.logout(token);
      } catch (RuntimeException e) {
        // best effort: the token is forgotten here whatever the portal says
      }
    }
    store.clear();
    return tokensForgotten;
  }

  private IdentityCenter center(SsoSession session, ProfileFile profileFile, String profile) {
    return new IdentityCenter(session, profileFile, profile, endpoints, clock);
  }
}
