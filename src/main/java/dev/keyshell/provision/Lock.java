package dev.keyshell.provision;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import java.io.IOException;

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
