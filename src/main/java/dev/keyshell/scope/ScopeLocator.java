package dev.keyshell.scope;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    List<Found> found = new ArrayList<>();
    sessionFile(plugin).flatMap(p -> read(Scope.SESSION, p, true)).ifPresent(found::add);
    nearestDirectoryFile(plugin)
        .flatMap(p -> read(Scope.DIRECTORY, p, false))
        .map(f -> new Found(f.scope(), f.path(), f.bytes(), trust.isTrusted(f.path(), f.bytes())))
        .ifPresent(found::add);
    read(Scope.GLOBAL, dirs.globalScope(plugin), true).ifPresent(found::add);
    return found;
  }

  /** The file that wins here: the first trusted one. */
  public Optional<Found> winner(String plugin) {
    return all(plugin).stream().filter(Found::trusted).findFirst();
  }

  public Optional<Path> sessionFile(String plugin) {
    return env.get("KEYSHELL_SESSION").map(s -> dirs.sessionScope(s, plugin));
  }

  /** {@code <dir>/.keyshell/plugins/<plugin>.json} for the nearest such dir from $PWD upward. */
  public Optional<Path> nearestDirectoryFile(String plugin) {
    for (Path dir = env.cwd().toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = directoryFile(dir, plugin);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public static Path directoryFile(Path dir, String plugin) {
    return dir.resolve(".keyshell").resolve("plugins").resolve(plugin + ".json");
  }

  private static Optional<Found> read(Scope scope, Path path, boolean trusted) {
    try {
      return Optional.of(new Found(scope, path, Files.readAllBytes(path), trusted));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
