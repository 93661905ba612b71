package dev.keyshell.cache;

import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.PrivateDirs;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The random AES-256 key that seals the STS cache. It lives in the runtime directory (0600, gone at
 * logout or reboot where that is a tmpfs), never beside the cache, and is a raw key: the warm path
 * decrypts without running a KDF.
 */
public final class CacheKey {
  private static final int LENGTH = 32;
  private final Path file;

  public CacheKey(Path runtimeDir) {
    this.file = runtimeDir.resolve("cache.key");
  }

  /**
   * The key, if one exists, is intact and private: a file of this user, 0600. A key that others
   * could have read is not used (the next write replaces it); one that someone else owns is
   * refused.
   */
  public Optional<byte[]> existing() {
    if (!PrivateDirs.ownFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] raw = BoundedFiles.readOwn(file);
      if (raw.length != LENGTH) {
        return Optional.empty();
      }
      return Optional.of(raw);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The key, created on first use. Two processes racing both end up with the same key. */
  public byte[] getOrCreate() throws IOException {
    Optional<byte[]> key = existing();
    if (key.isPresent()) {
      return key.get();
    }
    PrivateDirs.ensure(file.getParent());
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      // One that is damaged or was open to others, unless another process just made a good one.
      key = existing();
      if (key.isPresent()) {
        return key.get();
      }
      Files.deleteIfExists(file);
    }
    byte[] raw = new byte[LENGTH];
    new SecureRandom().nextBytes(raw);
    Path tmp = file.resolveSibling(".cache.key." + ProcessHandle.current().pid());
    Files.write(
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        raw,
        StandardOpenOption.WRITE);
    try {
      // A hard link publishes the complete file and fails if another process got there first.
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      // the other process's key wins
    } finally {
      Files.deleteIfExists(tmp);
    }
    return existing().orElseThrow(() -> new IOException("cannot create " + file));
  }

  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
