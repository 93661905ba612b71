package dev.keyshell.server;

import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.provision.Minted;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The credentials the endpoint serves: held in memory, minted again when under five minutes remain
 * (the session cache's rule), one mint at a time. When a mint fails (vault locked, {@code op}
 * signed out) the held session is served for as long as it is still valid; only then does the
 * failure reach the client.
 */
final class RefreshingCredentials {
  /** SDKs treat the last minute of a session as expired; so does the endpoint. */
  static final Duration STILL_VALID = Duration.ofMinutes(1);

  private final Supplier<Minted> mint;
  private final Clock clock;
  private final PrintStream err;
  private final ReentrantLock minting = new ReentrantLock();
  private volatile Minted held;
  private boolean warned;

  RefreshingCredentials(Supplier<Minted> mint, Clock clock, PrintStream err) {
    this.mint = mint;
    this.clock = clock;
    this.err = err;
  }

  /** The first mint, before anything is served: its failure is the command's. */
  Minted start() {
    held = mint.get();
    return held;
  }

  /** Credentials to serve now; throws {@link KeyshellException} when none valid can be had. */
  Minted current() {
    Minted h = held;
    if (h != null && fresh(h)) {
      return h;
    }
    // Another request is minting: the held session still serves, the rest wait for the new one.
    if (!minting.tryLock()) {
      if (h != null && stillValid(h)) {
        return h;
      }
      minting.lock();
    }
    try {
      h = held;
      if (h != null && fresh(h)) {
        return h;
      }
      try {
        Minted m = mint.get();
        held = m;
        warned = false;
        return m;
      } catch (KeyshellException e) {
        if (h != null && stillValid(h)) {
          warnOnce(e, h);
          return h;
        }
        throw e;
      }
    } finally {
      minting.unlock();
    }
  }

  private boolean fresh(Minted m) {
    return expiration(m).isAfter(clock.instant().plus(SessionCache.REFRESH_BEFORE));
  }

  private boolean stillValid(Minted m) {
    return expiration(m).isAfter(clock.instant().plus(STILL_VALID));
  }

  private static Instant expiration(Minted m) {
    return m.credentials().expiration();
  }

  private void warnOnce(KeyshellException e, Minted h) {
    if (warned) {
      return;
    }
    warned = true;
    err.println(
        "keyshell: cannot refresh the credentials ("
            + e.getMessage()
            + "); serving the current session until "
            + h.credentials().expirationText());
    err.flush();
  }
}
