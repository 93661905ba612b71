package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, findings 1 and 2: another user prepares keyshell's runtime directory or plants its
 * cache key, and waits. The victim is a real second account (not root), the attacker a third.
 */
class RuntimeDirAttackIT {
  @TempDir Path tmp;
  Accounts accounts;
  StsStandIn sts;
  SystemUser victim;
  SystemUser attacker;
  Sandbox box;
  Path shared;

  @BeforeEach
  void setUp() throws Exception {
    accounts = new Accounts(tmp);
    victim = accounts.victim;
    attacker = accounts.attacker;
    sts = accounts.sts;
    box = accounts.box;
    // A /tmp of its own: sticky and open to all, as /tmp is.
    shared = Files.createDirectories(tmp.resolve("shared"));
    SystemUser.run(List.of("chmod", "1777", shared.toString()));
    box.env.remove("XDG_RUNTIME_DIR");
    box.env.put("TMPDIR", shared.toString());
    sts.reset();
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock"); // agents of either runtime dir
    box.env.remove("TMPDIR");
    box.env.put("XDG_RUNTIME_DIR", box.runtime.toString());
    accounts.close();
  }

  private Path runtime() {
    return shared.resolve("keyshell-" + victim.uid());
  }

  /** The attacker's side, as run in the attack: a 0777 runtime directory ready for the victim. */
  private void attackerPrepares() throws Exception {
    attacker.as("mkdir", "-m", "777", runtime().toString());
    attacker.as("chmod", "777", runtime().toString());
    assertEquals(attacker.uid(), Files.getAttribute(runtime(), "unix:uid"));
  }

  @Test
  void a_runtime_dir_made_by_another_user_is_refused_before_anything_is_unlocked()
      throws Exception {
    attackerPrepares();

    Sandbox.Result r = box.keyshell(null, "exec", "--", "true");

    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains(runtime() + " belongs to user 'ks-attacker'"), r.err());
    assertTrue(r.err().contains("hint: set XDG_RUNTIME_DIR"), r.err());
    assertFalse(r.err().contains("chmod"), r.err());
    assertEquals(0, sts.calls().size(), "nothing was sent to STS");
    try (Stream<Path> planted = Files.list(runtime())) {
      assertEquals(List.of(), planted.toList(), "no key, no agent socket in the attacker's dir");
    }

    // The warm path of aws refuses it the same way.
    Sandbox.Result aws =
        box.keyshell(null, "plugin", "run", "--", "aws", "sts", "get-caller-identity");
    assertEquals(1, aws.exit(), aws.toString());
    assertTrue(aws.err().contains("belongs to user 'ks-attacker'"), aws.err());

    // The hint works: with XDG_RUNTIME_DIR set, the same command runs.
    box.env.put("XDG_RUNTIME_DIR", box.runtime.toString());
    box.keyshell(null, "exec", "--", "true").ok();
  }

  @Test
  void a_cache_key_planted_in_an_open_runtime_dir_of_the_victim_is_refused() throws Exception {
    // The victim's own runtime dir, left 0777; the attacker plants a key it knows.
    victim.as("mkdir", "-m", "700", runtime().toString());
    SystemUser.run(List.of("chmod", "777", runtime().toString()));
    Path key = runtime().resolve("cache.key");
    attacker.as("sh", "-c", "head -c 32 /dev/urandom > '" + key + "' && chmod 644 '" + key + "'");
    byte[] planted = Files.readAllBytes(key);

    Sandbox.Result r = box.keyshell(null, "exec", "--", "true");

    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains(key + " belongs to user 'ks-attacker'"), r.err());
    assertTrue(r.err().contains("hint: remove it: rm -rf '" + key + "'"), r.err());
    assertEquals(0, sts.calls().size());
    assertArrayEquals(planted, Files.readAllBytes(key));
    assertEquals(0, cacheEntries(), "nothing was sealed with the attacker's key");

    // Following the hint: the victim removes it; the open directory is then made 0700 again.
    victim.as("rm", "-f", key.toString());
    Sandbox.Result fixed = box.keyshell(null, "exec", "--", "true").ok();
    assertTrue(fixed.err().contains(runtime() + " was open to others (rwxrwxrwx); made it 0700"));
    assertEquals("rwx------", mode(runtime()));
    assertEquals("rw-------", mode(key));
    assertFalse(java.util.Arrays.equals(planted, Files.readAllBytes(key)));
  }

  @Test
  void a_cache_key_of_the_victims_that_others_could_read_is_replaced_not_used() throws Exception {
    box.env.put("XDG_RUNTIME_DIR", box.runtime.toString());
    box.keyshell(null, "exec", "--", "true").ok();
    Path key = box.runtime.resolve("keyshell/cache.key");
    byte[] first = Files.readAllBytes(key);
    SystemUser.run(List.of("chmod", "644", key.toString()));
    Path cache = box.home.resolve(".cache/keyshell");
    SystemUser.run(List.of("chmod", "777", cache.toString()));

    Sandbox.Result r = box.keyshell(null, "exec", "--", "true").ok();

    assertTrue(r.err().contains(cache + " was open to others (rwxrwxrwx); made it 0700"), r.err());
    assertEquals("rwx------", mode(cache));
    assertEquals("rw-------", mode(key));
    assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(key)), "a new key");
  }

  private long cacheEntries() throws Exception {
    Path cache = box.home.resolve(".cache/keyshell");
    if (!Files.exists(cache)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(cache)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/locks/") && !p.endsWith("mfa-used"))
          .count();
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
