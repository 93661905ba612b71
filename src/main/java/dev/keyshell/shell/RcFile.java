package dev.keyshell.shell;

import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A shell's rc file ({@code ~/.bashrc}, {@code ~/.zshrc}, fish's {@code config.fish}) and the line
 * that sources keyshell: added once at most, at the end, with the rest of the file untouched.
 */
public final class RcFile {
  static final String COMMENT = "# keyshell: the aws shell plugin (keyshell plugin init aws)";

  private final Path file;

  public RcFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** Whether the file already has {@code line} on a line of its own (surrounding blanks aside). */
  public boolean contains(String line) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .anyMatch(l -> l.strip().equals(line.strip()));
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot read " + file + ": " + e.getMessage(), "add the line to it by hand");
    }
  }

  /** Appends {@code line} unless it is there already; returns whether the file changed. */
  public boolean append(String line) {
    if (contains(line)) {
      return false;
    }
    try {
      Path real = Files.isSymbolicLink(file) ? file.toRealPath() : file;
      Files.createDirectories(real.toAbsolutePath().getParent());
      String text = COMMENT + "\n" + line + "\n";
      if (Files.exists(real) && !endsWithNewline(real)) {
        text = "\n" + text;
      }
      Files.writeString(
          real,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      return true;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot add a line to " + file + ": " + e.getMessage(), "add it by hand: " + line);
    }
  }

  private static boolean endsWithNewline(Path p) throws IOException {
    long size = Files.size(p);
    if (size == 0) {
      return true;
    }
    try (var ch = Files.newByteChannel(p)) {
      ch.position(size - 1);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b);
      return b.get(0) == '\n';
    }
  }
}
