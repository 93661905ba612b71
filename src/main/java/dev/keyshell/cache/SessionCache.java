package dev.keyshell.cache;

import dev.keyshell.core.PrivateDirs;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.crypto.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The encrypted STS cache: one sealed file per key under {@code <cache>/<namespace>/}, named by a
 * hash of everything that changes the result, so names reveal nothing. An entry with less than five
 * minutes left is a miss: it is refreshed before the child could see it expire.
 */
public final class SessionCache {
  public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
  private static final String KEY_VERSION = "v1";

  private final Path dir;
  private final CacheKey cacheKey;

  public SessionCache(Path cacheRoot, String namespace, CacheKey cacheKey) {
    this.dir = cacheRoot.resolve(namespace);
    this.cacheKey = cacheKey;
  }

  /** The versioned cache key for these parts: a hex SHA-256, order and boundaries preserved. */
  public static String key(String... parts) {
    Sha256 md = new Sha256().update(KEY_VERSION);
    for (String p : parts) {
      byte[] b = (p == null ? "\u0000null" : p).getBytes(StandardCharsets.UTF_8);
      md.update((byte) 0);
      md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
      md.update((byte) ':');
      md.update(b);
    }
    return md.hex();
  }

  /** A session that is still good for at least {@link #REFRESH_BEFORE} at {@code now}. */
  public Optional<CachedSession> get(String key, Instant now) {
    Optional<byte[]> k = cacheKey.existing();
    if (k.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> plain = SealedFile.open(k.get(), dir.resolve(key));
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    Optional<CachedSession> s = CachedSession.decode(plain.get());
    if (s.isEmpty() || !s.get().credentials().expiration().isAfter(now.plus(REFRESH_BEFORE))) {
      return Optional.empty();
    }
    return s;
  }

  public void put(String key, CachedSession session) throws IOException {
    byte[] k = cacheKey.getOrCreate();
    PrivateDirs.ensure(dir.getParent());
    SecureFiles.ensurePrivateDir(dir);
    SecureFiles.writeAtomically(dir.resolve(key), SealedFile.seal(k, key, session.encode()));
  }

  /**
   * Records which entries of another namespace {@code key}'s session was minted from (their names,
   * which are hashes), so that forgetting it can forget them too.
   */
  public void putUses(String key, List<String> keys) throws IOException {
    SecureFiles.writeAtomically(
        dir.resolve(key + ".uses"), String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
  }

  /** What {@link #putUses} recorded for {@code key}; none when nothing was. */
  public List<String> uses(String key) throws IOException {
    try {
      String text = Files.readString(dir.resolve(key + ".uses"), StandardCharsets.UTF_8);
      return text.isBlank() ? List.of() : List.of(text.split("\n"));
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /** Deletes {@code key}'s entry and its record of uses; returns whether there was an entry. */
  public boolean forget(String key) throws IOException {
    Files.deleteIfExists(dir.resolve(key + ".uses"));
    return Files.deleteIfExists(dir.resolve(key));
  }

  public void remove(String key) throws IOException {
    Files.deleteIfExists(dir.resolve(key));
  }

  /** Deletes every entry; returns how many there were. */
  public int clear() throws IOException {
    int n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        Files.deleteIfExists(p);
        n++;
      }
    } catch (NoSuchFileException e) {
      return 0;
    }
    return n;
  }

  /** A lock file for {@code key}, so concurrent invocations mint once. */
  public Path lockFile(String key) {
    return dir.resolveSibling("locks").resolve(key + ".lock");
  }
}
