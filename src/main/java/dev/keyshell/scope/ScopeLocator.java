package dev.keyshell.scope;

import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.PrivateDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the scope files that apply here, in precedence order (session, nearest trusted directory,
 * global), reading bytes only: it runs on the warm path, where no JSON parser is loaded.
 */
public final class ScopeLocator {
  private final Env env;
  private final Dirs dirs;
  private final Trust trust;

  public ScopeLocator(Env env, Dirs dirs) {
    this.env = env;
    this.dirs = dirs;
    this.trust = new Trust(dirs);
  }

  /** A scope file that exists, with its bytes and whether it may be used. */
  public record Found(Scope scope, Path path, byte[] bytes, boolean trusted) {}

  /** Every scope file that exists for {@code plugin} here, session first. */
  public List<Found> all(String plugin) {
    // Loops and nulls rather than Optional chains: this runs on the warm path of every aws.
    List<Found> found = new ArrayList<>(3);
    String session = env.vars().get("KEYSHELL_SESSION");
    if (session != null && !session.isBlank()) {
      Path p = dirs.sessionScope(session, plugin);
      PrivateDirs.checkOwnFile(p);
      byte[] bytes = read(p);
      if (bytes != null) {
        found.add(new Found(Scope.SESSION, p, bytes, true));
      }
    }
    Path directory = nearest(plugin);
    if (directory != null) {
      byte[] bytes = read(directory);
      if (bytes != null) {
        found.add(new Found(Scope.DIRECTORY, directory, bytes, trust.isTrusted(directory, bytes)));
      }
    }
    Path global = dirs.globalScope(plugin);
    PrivateDirs.checkOwnFile(global);
    byte[] bytes = read(global);
    if (bytes != null) {
      found.add(new Found(Scope.GLOBAL, global, bytes, true));
    }
    return found;
  }

  /** The file that wins here: the first trusted one. */
  public Optional<Found> winner(String plugin) {
    return Optional.ofNullable(firstTrusted(all(plugin)));
  }

  /** The first trusted file of {@code found}, or null. */
  public static Found firstTrusted(List<Found> found) {
    for (Found f : found) {
      if (f.trusted()) {
        return f;
      }
    }
    return null;
  }

  public Optional<Path> sessionFile(String plugin) {
    return env.get("KEYSHELL_SESSION").map(s -> dirs.sessionScope(s, plugin));
  }

  /** {@code <dir>/.keyshell/plugins/<plugin>.json} for the nearest such dir from $PWD upward. */
  public Optional<Path> nearestDirectoryFile(String plugin) {
    return Optional.ofNullable(nearest(plugin));
  }

  private Path nearest(String plugin) {
    for (Path dir = env.cwd().toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = directoryFile(dir, plugin);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  public static Path directoryFile(Path dir, String plugin) {
    return dir.resolve(".keyshell").resolve("plugins").resolve(plugin + ".json");
  }

  /**
   * A scope file's bytes, or null when there is none to read: absent, unreadable, not a regular
   * file (a FIFO planted in a directory would block the read for ever) or absurdly large.
   */
  private static byte[] read(Path path) {
    try {
      return BoundedFiles.read(path, BoundedFiles.CONFIG_MAX);
    } catch (IOException | KeyshellException e) {
      return null;
    }
  }
}
