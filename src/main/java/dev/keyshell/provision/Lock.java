package dev.keyshell.provision;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.scope.ScopeLocator;
import java.io.IOException;
import java.util.List;

/**
 * {@code keyshell lock}: ends every vault unlock of this user and forgets every cached STS session,
 * by deleting the entries and the runtime key that sealed them.
 */
public final class Lock {
  private final Dirs dirs;

  public Lock(Dirs dirs) {
    this.dirs = dirs;
  }

  public Result lockAll() throws IOException {
    CacheKey key = new CacheKey(dirs.runtime());
    int sessions = 0;
    for (String namespace : Provisioner.CACHE_NAMESPACES) {
      sessions += new SessionCache(dirs.cache(), namespace, key).clear();
    }
    key.delete();
    int unlocks = dev.keyshell.vault.VaultAgent.stopAll(dirs);
    return new Result(sessions, unlocks);
  }

  /**
   * After a key rotation: forgets every cached STS session minted from a long-lived key (the warm
   * index and the sessions it came from, of every profile and item), so none minted from the old
   * key is served again; IAM Identity Center sign-ins and the vault unlock stay.
   */
  public int forgetKeySessions() throws IOException {
    CacheKey key = new CacheKey(dirs.runtime());
    int forgotten = 0;
    for (String namespace : List.of("warm", "sessions")) {
      forgotten += new SessionCache(dirs.cache(), namespace, key).clear();
    }
    return forgotten;
  }

  /**
   * {@code keyshell lock --profile P}: forgets only the cached sessions that serve {@code profile}
   * here (the warm entry, and the STS sessions it was minted from), so that the next call mints
   * again; the vault stays unlocked.
   */
  public Result lockProfile(Env env, String profile) throws IOException {
    CacheKey key = new CacheKey(dirs.runtime());
    SessionCache warm = new SessionCache(dirs.cache(), "warm", key);
    SessionCache sessions = new SessionCache(dirs.cache(), "sessions", key);
    String warmKey = WarmKey.of(env, profile, new ScopeLocator(env, dirs).all("aws"));
    int forgotten = 0;
    for (String used : warm.uses(warmKey)) {
      if (used.matches("[0-9a-f]{64}") && sessions.forget(used)) {
        forgotten++;
      }
    }
    if (warm.forget(warmKey)) {
      forgotten++;
    }
    return new Result(forgotten, 0);
  }

  /** What was forgotten. */
  public record Result(int sessionsForgotten, int unlocksEnded) {
    public String describe() {
      return sessionsForgotten
          + " cached session file"
          + (sessionsForgotten == 1 ? "" : "s")
          + " deleted, "
          + unlocksEnded
          + " vault unlock"
          + (unlocksEnded == 1 ? "" : "s")
          + " ended";
    }
  }
}
