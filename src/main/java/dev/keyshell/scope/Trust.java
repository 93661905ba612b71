package dev.keyshell.scope;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which directory scope files the user trusts: those keyshell wrote, or the user confirmed, with
 * the exact content they had then. A file that arrives another way (a cloned repository) or changes
 * afterwards is ignored until confirmed, as direnv does with {@code .envrc}.
 *
 * <p>Kept in {@code <config>/trusted-directories}: one {@code <sha256 of content> <path>} a line.
 */
public final class Trust {
  private final Path file;

  public Trust(Dirs dirs) {
    this.file = dirs.config().resolve("trusted-directories");
  }

  public boolean isTrusted(Path scopeFile, byte[] content) {
    String line = entry(scopeFile, content);
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (l.equals(line)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Records {@code content} as trusted for {@code scopeFile}, replacing an older entry. */
  public void trust(Path scopeFile, byte[] content) throws IOException {
    try (SecureFiles.Lock lock = SecureFiles.lock(lockFile())) {
      List<String> lines = new ArrayList<>(withoutPath(scopeFile));
      lines.add(entry(scopeFile, content));
      SecureFiles.writeAtomically(
          file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Forgets {@code scopeFile}. */
  public void forget(Path scopeFile) throws IOException {
    try (SecureFiles.Lock lock = SecureFiles.lock(lockFile())) {
      List<String> lines = withoutPath(scopeFile);
      SecureFiles.writeAtomically(
          file,
          (lines.isEmpty() ? "" : String.join("\n", lines) + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private List<String> withoutPath(Path scopeFile) throws IOException {
    String suffix = " " + scopeFile.toAbsolutePath().normalize();
    List<String> kept = new ArrayList<>();
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
    return sha256(content) + " " + scopeFile.toAbsolutePath().normalize();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
