package dev.keyshell.proc;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a command on a given {@code PATH}. The JDK looks a command up on the JVM's own {@code
 * PATH}, not on the one handed to the child, so keyshell resolves it itself against {@link
 * dev.keyshell.core.Env}.
 */
public final class Executables {
  private Executables() {}

  /** The first executable file called {@code name} in the directories of {@code path}. */
  public static Optional<Path> find(String name, String path) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty() || !dir.startsWith("/")) {
        // An empty entry, "." or any relative one means the working directory (a cloned
        // repository, say): not where a security tool looks for op.
        continue;
      }
      Path candidate = Path.of(dir).resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
