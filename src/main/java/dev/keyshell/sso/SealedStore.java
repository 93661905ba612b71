package dev.keyshell.sso;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.SealedFile;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sealed entries under {@code <cache>/sso/}, opened with the runtime directory's cache key (never
 * kept beside them), as the STS sessions are: the SSO tokens and OIDC client registrations. Entry
 * names are hashes ({@link dev.keyshell.cache.SessionCache#key}) and reveal nothing.
 */
final class SealedStore {
  private static final String NAMESPACE = "sso";
  private final Path dir;
  private final CacheKey cacheKey;
  private final SessionCache entries;

  SealedStore(Path cacheRoot, CacheKey cacheKey) {
    this.dir = cacheRoot.resolve(NAMESPACE);
    this.cacheKey = cacheKey;
    // Its listing and deleting serve here too; its get and put are for STS sessions only.
    this.entries = new SessionCache(cacheRoot, NAMESPACE, cacheKey);
  }

  Optional<byte[]> get(String name) {
    return cacheKey.existing().flatMap(k -> SealedFile.open(k, dir.resolve(name)));
  }

  void put(String name, byte[] plaintext) throws IOException {
    byte[] k = cacheKey.getOrCreate();
    SecureFiles.ensurePrivateDir(dir);
    SecureFiles.writeAtomically(dir.resolve(name), SealedFile.seal(k, name, plaintext));
  }

  void remove(String name) throws IOException {
    entries.remove(name);
  }

  /** Every entry that {@code decode} accepts. */
  <T> List<T> all(Function<byte[], Optional<T>> decode) throws IOException {
    List<T> found = new ArrayList<>();
    Optional<byte[]> k = cacheKey.existing();
    if (k.isEmpty()) {
      return found;
    }
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      for (Path p : list) {
        SealedFile.open(k.get(), p).flatMap(decode).ifPresent(found::add);
      }
    } catch (NoSuchFileException e) {
      return found;
    }
    return found;
  }

  /** Deletes every entry; returns how many there were. */
  int clear() throws IOException {
    return entries.clear();
  }

  /** The lock file that serialises sign-ins and refreshes for {@code name}. */
  Path lockFile(Path runtimeDir, String name) {
    return runtimeDir.resolve("sso-locks").resolve(name + ".lock");
  }
}
