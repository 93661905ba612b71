package dev.keyshell.provision;

import dev.keyshell.core.Dirs;

/** {@code keyshell lock}. */
public final class Lock {
  public Lock(Dirs dirs) {}

  public Result lockAll() {
    return new Result(0, 0);
  }

  public record Result(int sessionsForgotten, int unlocksEnded) {
    public String describe() {
      return sessionsForgotten + " cached sessions forgotten";
    }
  }
}
