package dev.keyshell.scope;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.crypto.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Which directory scope files the user trusts: those keyshell wrote, or the user confirmed, with
 * the exact content they had then. A file that arrives another way (a cloned repository) or changes
 * afterwards is ignored until confirmed, as direnv does with {@code .envrc}.
 *
 * <p>Kept in {@code <config>/trusted-directories}: the line {@value #HEADER}, then one {@code
 * <sha256 of content> <base64url of the path>} a line, so no path (a newline in a directory name)
 * can add a line of its own. A file without the header is the first format ({@code <sha256>
 * <path>}), where a path could do just that: none of its entries is trusted, and the next {@code
 * trust} replaces it.
 */
public final class Trust {
  static final String HEADER = "keyshell trusted-directories 2";

  private final Path file;

  public Trust(Dirs dirs) {
    this.file = dirs.config().resolve("trusted-directories");
  }

  public boolean isTrusted(Path scopeFile, byte[] content) {
    String line = entry(scopeFile, content);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return !lines.isEmpty() && lines.get(0).equals(HEADER) && lines.contains(line);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Records {@code content} as trusted for {@code scopeFile}, replacing an older entry.
   *
   * @throws KeyshellException when the path holds a control character
   */
  public void trust(Path scopeFile, byte[] content) throws IOException {
    String path = scopeFile.toAbsolutePath().normalize().toString();
    if (Display.hasControls(path)) {
      throw new KeyshellException(
          "will not trust " + Display.controls(path) + ": its path holds control characters",
          "a directory name with a newline or an escape sequence is a trick, not a project;"
              + " rename the directory if it is yours");
    }
    try (SecureFiles.Lock lock = SecureFiles.lock(lockFile())) {
      List<String> lines = withoutPath(scopeFile);
      lines.add(entry(scopeFile, content));
      write(lines);
    }
  }

  /** Forgets {@code scopeFile}. */
  public void forget(Path scopeFile) throws IOException {
    try (SecureFiles.Lock lock = SecureFiles.lock(lockFile())) {
      write(withoutPath(scopeFile));
    }
  }

  private void write(List<String> entries) throws IOException {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    entries.forEach(e -> b.append(e).append('\n'));
    SecureFiles.writeAtomically(file, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The current entries except {@code scopeFile}'s; none from a file in the first format. */
  private List<String> withoutPath(Path scopeFile) throws IOException {
    String suffix = " " + encode(scopeFile);
    List<String> kept = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        return kept;
      }
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isBlank() && !l.endsWith(suffix)) {
          kept.add(l);
        }
      }
    } catch (NoSuchFileException e) {
      // nothing trusted yet
    }
    return kept;
  }

  private Path lockFile() {
    return file.resolveSibling(".trusted-directories.lock");
  }

  private static String entry(Path scopeFile, byte[] content) {
    return sha256(content) + " " + encode(scopeFile);
  }

  private static String encode(Path scopeFile) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            scopeFile.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] content) {
    return Sha256.hex(content);
  }
}
