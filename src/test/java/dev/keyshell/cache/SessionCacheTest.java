package dev.keyshell.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.aws.SessionCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  @TempDir Path tmp;

  private SessionCache cache(String runtime) {
    return new SessionCache(tmp.resolve("cache"), "sessions", new CacheKey(tmp.resolve(runtime)));
  }

  private static CachedSession session(Instant expiry) {
    return new CachedSession(
        new SessionCredentials("ASIACACHEDEXAMPLE001", "cachedSecret", "cachedToken", expiry),
        Optional.of("eu-west-1"));
  }

  @Test
  void returns_what_was_put_until_five_minutes_before_expiry() throws Exception {
    SessionCache c = cache("run");
    c.put("k", session(NOW.plus(Duration.ofMinutes(30))));
    assertEquals(session(NOW.plus(Duration.ofMinutes(30))), c.get("k", NOW).orElseThrow());
    assertTrue(c.get("k", NOW.plus(Duration.ofMinutes(24))).isPresent());
    assertFalse(
        c.get("k", NOW.plus(Duration.ofMinutes(25))).isPresent(), "5 minutes left: refresh");
  }

  @Test
  void entries_are_sealed_private_and_hold_no_secret_in_clear() throws Exception {
    SessionCache c = cache("run");
    c.put("k", session(NOW.plusSeconds(3600)));
    Path entry = tmp.resolve("cache/sessions/k");
    String raw = new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains("cachedSecret"));
    assertFalse(raw.contains("ASIACACHEDEXAMPLE001"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("run/cache.key"))));
  }

  @Test
  void a_flipped_byte_or_another_runtime_key_is_a_miss_not_garbage() throws Exception {
    SessionCache c = cache("run");
    c.put("k", session(NOW.plusSeconds(3600)));
    Path entry = tmp.resolve("cache/sessions/k");
    byte[] b = Files.readAllBytes(entry);
    for (int off : new int[] {0, 5, 20, b.length - 1}) {
      byte[] tampered = b.clone();
      tampered[off] ^= 1;
      Files.write(entry, tampered);
      assertTrue(c.get("k", NOW).isEmpty(), "flipped byte at " + off);
    }
    Files.write(entry, b);
    assertTrue(c.get("k", NOW).isPresent());
    assertTrue(cache("other-run").get("k", NOW).isEmpty(), "sealed with another key");
  }

  @Test
  void an_entry_copied_under_another_name_does_not_open() throws Exception {
    SessionCache c = cache("run");
    c.put("k", session(NOW.plusSeconds(3600)));
    Files.copy(tmp.resolve("cache/sessions/k"), tmp.resolve("cache/sessions/other"));
    assertTrue(c.get("other", NOW).isEmpty());
  }

  @Test
  void keys_are_versioned_and_keep_part_boundaries() {
    assertNotEquals(SessionCache.key("ab", "c"), SessionCache.key("a", "bc"));
    assertNotEquals(SessionCache.key("a", null), SessionCache.key("a", "null"));
    assertEquals(SessionCache.key("a", "b"), SessionCache.key("a", "b"));
  }

  @Test
  void clear_forgets_everything() throws Exception {
    SessionCache c = cache("run");
    c.put("a", session(NOW.plusSeconds(3600)));
    c.put("b", session(NOW.plusSeconds(3600)));
    assertEquals(2, c.clear());
    assertTrue(c.get("a", NOW).isEmpty());
  }
}
