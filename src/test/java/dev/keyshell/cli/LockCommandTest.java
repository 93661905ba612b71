package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.ItemRef;
import dev.keyshell.testing.CommandHarness;
import dev.keyshell.testing.CommandHarness.Run;
import dev.keyshell.tty.TtyPrompter;
import dev.keyshell.vault.LocalVaultStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell lock}: every unlock ends and every cached session is forgotten. */
class LockCommandTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  @TempDir Path tmp;
  private CommandHarness keyshell;

  @BeforeEach
  void setUp() {
    keyshell = new CommandHarness(tmp).set("KEYSHELL_SESSION", "terminal-1");
  }

  @AfterEach
  void stopAgents() {
    keyshell.run("lock");
  }

  private LocalVaultStore vault(CommandHarness h) {
    return new LocalVaultStore(
        h.env(),
        h.dirs(),
        new TtyPrompter(new PrintStream(OutputStream.nullOutputStream()), h.env()));
  }

  private static SessionCache cache(Dirs dirs, String namespace) {
    return new SessionCache(dirs.cache(), namespace, new CacheKey(dirs.runtime()));
  }

  private static CachedSession session() {
    return new CachedSession(
        new SessionCredentials(
            "ASIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "token",
            Instant.now().plusSeconds(3600)),
        Optional.of("eu-west-1"));
  }

  @Test
  void with_nothing_unlocked_it_says_so_and_succeeds() {
    Run r = keyshell.run("lock").ok();
    assertEquals(
        "keyshell: locked (0 cached session files deleted, 0 vault unlocks ended)\n",
        r.err(),
        r::toString);
    assertEquals("", r.out(), r::toString);
  }

  @Test
  void ends_the_vault_unlock_and_forgets_the_cached_sessions() throws Exception {
    // Unlocking with the passphrase in a terminal session leaves an agent holding the key.
    ItemRef ref =
        vault(
                new CommandHarness(tmp)
                    .set("KEYSHELL_SESSION", "terminal-1")
                    .set("KEYSHELL_VAULT_PASSPHRASE", PASSPHRASE))
            .create(
                "work",
                null,
                List.of(
                    new Field(AwsKeys.ACCESS_KEY_ID, FieldType.STRING, "AKIAIOSFODNN7EXAMPLE"),
                    new Field(
                        AwsKeys.SECRET_ACCESS_KEY,
                        FieldType.CONCEALED,
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
    assertEquals("work", vault(keyshell).read(ref).title(), "the agent opens it, no passphrase");

    Dirs dirs = keyshell.dirs();
    cache(dirs, "warm").put("a", session());
    cache(dirs, "sessions").put("b", session());
    cache(dirs, "sessions").put("c", session());

    Run r = keyshell.run("lock").ok();
    assertEquals(
        "keyshell: locked (3 cached session files deleted, 1 vault unlock ended)\n",
        r.err(),
        r::toString);

    assertTrue(cache(dirs, "warm").get("a", Instant.now()).isEmpty());
    assertTrue(cache(dirs, "sessions").get("b", Instant.now()).isEmpty());
    assertFalse(new CacheKey(dirs.runtime()).existing().isPresent(), "the key that sealed them");
    KeyshellException locked =
        assertThrows(KeyshellException.class, () -> vault(keyshell).read(ref));
    assertTrue(locked.hint().contains("KEYSHELL_VAULT_PASSPHRASE"), locked::hint);
    try (var left = Files.list(dirs.cache().resolve("sessions"))) {
      assertEquals(List.of(), left.toList());
    }
  }
}
