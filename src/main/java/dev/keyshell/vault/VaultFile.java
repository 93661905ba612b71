package dev.keyshell.vault;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The vault on disk: {@code <data>/vault.ksv} and the lock file beside it. Reads refuse a file or
 * directory others can reach; writes are atomic, so a crash leaves the previous vault whole.
 */
final class VaultFile {
  static final String NAME = "vault.ksv";

  private final Path dir;
  private final Path path;
  private final Path lockFile;

  VaultFile(Path dataDir) {
    this.dir = dataDir;
    this.path = dataDir.resolve(NAME);
    this.lockFile = dataDir.resolve(NAME + ".lock");
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** The file's bytes, after checking that only this user can reach it. */
  byte[] read() {
    SecureFiles.checkPrivate(dir);
    SecureFiles.checkPrivate(path);
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot read the local vault " + path + ": " + e.getMessage(),
          "check that the file exists and belongs to you");
    }
  }

  /** Replaces the vault atomically (temp file, fsync, rename); call it holding {@link #lock}. */
  void write(byte[] content) {
    try {
      SecureFiles.writeAtomically(path, content);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot write the local vault " + path + ": " + e.getMessage(),
          "check free space and permissions of " + dir + "; the previous vault is unchanged");
    }
  }

  /** The cross-process writer lock; read-modify-write happens entirely inside it. */
  SecureFiles.Lock lock() {
    try {
      SecureFiles.ensurePrivateDir(dir);
      SecureFiles.checkPrivate(dir);
      return SecureFiles.lock(lockFile);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot lock the local vault " + lockFile + ": " + e.getMessage(),
          "check the permissions of " + dir);
    }
  }

  /**
   * Removes temp files a crashed writer left behind. Only safe holding {@link #lock}: no other
   * writer is between its write and its rename then.
   */
  void removeLeftovers() {
    try (DirectoryStream<Path> stray = Files.newDirectoryStream(dir, "." + NAME + ".tmp-*")) {
      for (Path p : stray) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // harmless: a leftover temp file is never read
    }
  }

  KeyshellException damaged(String reason) {
    return new KeyshellException(
        "vault file is damaged or was modified (" + reason + "): " + path,
        "restore "
            + NAME
            + " from a backup (see docs/local-vault.md); keyshell will not use a"
            + " vault it cannot verify");
  }
}
