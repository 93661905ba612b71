package dev.keyshell.sso;

import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sign-in of one IAM Identity Center session, sealed in keyshell's cache: a token good for more
 * than five minutes is used as it is; else, under a lock in the runtime directory so that
 * concurrent callers make one refresh or one device authorization and share it, the refresh token
 * is tried, and only when that fails a new sign-in in the browser.
 */
final class SsoTokens {
  /** Registrations are renewed this long before they expire, so a sign-in never outlives one. */
  static final Duration CLIENT_MARGIN = Duration.ofHours(1);

  private final SealedStore store;
  private final Path runtimeDir;
  private final Clock clock;
  private final PrintStream err;
  private final DeviceSignIn signIn;

  SsoTokens(SealedStore store, Path runtimeDir, Clock clock, PrintStream err, DeviceSignIn signIn) {
    this.store = store;
    this.runtimeDir = runtimeDir;
    this.clock = clock;
    this.err = err;
    this.signIn = signIn;
  }

  /** The cache entry's name for a session: what it is, and which endpoints issued it. */
  static String tokenName(SsoSession s, String endpoints) {
    return SessionCache.key(
        "sso-token",
        s.name().orElse(""),
        s.startUrl(),
        s.region(),
        String.join(",", s.scopes()),
        endpoints);
  }

  private static String clientName(SsoSession s, String endpoints) {
    return SessionCache.key("sso-client", s.region(), String.join(",", s.scopes()), endpoints);
  }

  /** The stored token, whatever its age. */
  Optional<SsoToken> stored(SsoSession session, String endpoints) {
    return store.get(tokenName(session, endpoints)).flatMap(SsoToken::decode);
  }

  /** A token good for more than five minutes: the stored one, refreshed, or a new sign-in. */
  SsoToken token(IdentityCenter center, String endpoints) {
    String name = tokenName(center.session(), endpoints);
    Optional<SsoToken> cached = fresh(name);
    if (cached.isPresent()) {
      return cached.get();
    }
    return locked(
        center.session(),
        name,
        () -> {
          // Another process may have signed in or refreshed while this one waited.
          Optional<SsoToken> now = fresh(name);
          if (now.isPresent()) {
            return now.get();
          }
          OidcClient client = client(center, endpoints);
          Optional<SsoToken> old = store.get(name).flatMap(SsoToken::decode);
          Optional<SsoToken> refreshed = old.flatMap(t -> center.refresh(client, t));
          return save(name, refreshed.orElseGet(() -> signIn.signIn(center, client)));
        });
  }

  /** A new sign-in even when the stored token is good ({@code sso login --force}). */
  SsoToken signInAgain(IdentityCenter center, String endpoints) {
    String name = tokenName(center.session(), endpoints);
    return locked(
        center.session(), name, () -> save(name, signIn.signIn(center, client(center, endpoints))));
  }

  /**
   * Marks the stored token as expired (the portal refused it) and keeps its refresh token, so the
   * next {@link #token} refreshes or signs in again.
   */
  void expire(SsoSession session, String endpoints) {
    String name = tokenName(session, endpoints);
    locked(
        session,
        name,
        () -> {
          Optional<SsoToken> t = store.get(name).flatMap(SsoToken::decode);
          if (t.isPresent()) {
            SsoToken old = t.get();
            save(
                name,
                new SsoToken(old.accessToken(), old.refreshToken(), clock.instant(), old.region()));
          }
          return null;
        });
  }

  private Optional<SsoToken> fresh(String name) {
    return store
        .get(name)
        .flatMap(SsoToken::decode)
        .filter(t -> t.freshAt(clock.instant(), SessionCache.REFRESH_BEFORE));
  }

  private OidcClient client(IdentityCenter center, String endpoints) {
    String name = clientName(center.session(), endpoints);
    Optional<OidcClient> kept =
        store
            .get(name)
            .flatMap(OidcClient::decode)
            .filter(c -> c.expiresAt().isAfter(clock.instant().plus(CLIENT_MARGIN)));
    if (kept.isPresent()) {
      return kept.get();
    }
    OidcClient fresh = center.registerClient();
    try {
      store.put(name, fresh.encode());
    } catch (IOException e) {
      throw cacheFailure(e);
    }
    return fresh;
  }

  private SsoToken save(String name, SsoToken token) {
    try {
      store.put(name, token.encode());
      return token;
    } catch (IOException e) {
      throw cacheFailure(e);
    }
  }

  /** Runs {@code work} holding the session's lock; says once that it waits for another. */
  private <T> T locked(SsoSession session, String name, Supplier<T> work) {
    try {
      return SharedLock.with(store.lockFile(runtimeDir, name), () -> say(session), work::get);
    } catch (IOException e) {
      throw cacheFailure(e);
    }
  }

  private void say(SsoSession session) {
    err.println(
        "keyshell: waiting for the IAM Identity Center sign-in to "
            + session.label()
            + " that another keyshell started");
    err.flush();
  }

  private static KeyshellException cacheFailure(IOException e) {
    return new KeyshellException(
        "cannot use keyshell's cache for the IAM Identity Center token: " + e.getMessage(),
        "check that the cache and runtime directories are writable");
  }
}
