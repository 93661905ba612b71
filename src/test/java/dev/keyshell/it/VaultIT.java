package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.MFA;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell vault list} and {@code vault passwd}, killed anywhere: old vault or new. */
class VaultIT {
  private static final String OLD = "correct-horse-battery-staple";
  private static final String NEW = "tr0ub4dor-and-3-more-words";

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  private Sandbox.Result list(String passphrase) {
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", passphrase);
    return box.keyshell(null, "vault", "list");
  }

  @Test
  void list_shows_each_item_with_its_key_masked_and_its_mfa() {
    Sandbox.Result r = list(OLD).ok();
    String[] cols = r.out().strip().split("\t");
    assertEquals("AWS default", cols[0], r.out());
    assertEquals("AKIA…MPLE", cols[2], r.out());
    assertEquals(MFA, cols[3], r.out());
    assertEquals("TOTP", cols[4], r.out());
  }

  @Test
  void restore_writes_the_key_back_after_a_confirmation_and_keeps_the_rest_of_the_file()
      throws Exception {
    String rest = "# mine\n[other]\nregion = eu-west-1";
    box.credentials(rest);
    Sandbox.Result unconfirmed =
        box.keyshell(null, "vault", "restore", "AWS default", "--profile", "default");
    assertEquals(2, unconfirmed.exit(), unconfirmed.toString());
    assertEquals(rest, java.nio.file.Files.readString(box.home.resolve(".aws/credentials")));

    box.keyshell(null, "vault", "restore", "AWS default", "--profile", "default", "--yes").ok();
    assertEquals(
        rest
            + "\n[default]\naws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n",
        java.nio.file.Files.readString(box.home.resolve(".aws/credentials")));
    Sandbox.Result again =
        box.keyshell(null, "vault", "restore", "AWS default", "--profile", "default", "--yes");
    assertEquals(1, again.exit(), again.toString());
    assertTrue(again.err().contains("already has keys"), again.toString());
  }

  @Test
  void passwd_changes_the_passphrase_and_only_the_new_one_opens_the_vault() {
    box.env.put("KEYSHELL_VAULT_NEW_PASSPHRASE", NEW);
    box.keyshell(null, "vault", "passwd").ok();
    box.env.remove("KEYSHELL_VAULT_NEW_PASSPHRASE");
    box.keyshell(null, "lock").ok();

    Sandbox.Result old = list(OLD);
    assertEquals(1, old.exit(), old.toString());
    assertTrue(old.err().contains("wrong passphrase"), old.toString());
    assertTrue(list(NEW).ok().out().startsWith("AWS default\t"));
  }

  @Test
  void passwd_killed_at_random_points_leaves_the_old_vault_or_the_new_never_neither()
      throws Exception {
    Random random = new Random(42);
    String current = OLD;
    List<String> outcomes = new ArrayList<>();
    for (int run = 0; run < 8; run++) {
      String next = current.equals(OLD) ? NEW : OLD;
      ProcessBuilder pb =
          new ProcessBuilder(Sandbox.KEYSHELL.toString(), "vault", "passwd")
              .directory(box.home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("passwd.log").toFile());
      pb.environment().clear();
      pb.environment().putAll(box.env);
      pb.environment().put("KEYSHELL_VAULT_PASSPHRASE", current);
      pb.environment().put("KEYSHELL_VAULT_NEW_PASSPHRASE", next);
      Process p = pb.start();
      // the KDF runs twice (old, then new): a kill anywhere from start-up to the rename
      boolean finished = p.waitFor(200 + random.nextInt(2500), TimeUnit.MILLISECONDS);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
      }
      box.keyshell(null, "lock");
      boolean oldOpens = list(current).exit() == 0;
      boolean newOpens = list(next).exit() == 0;
      if (oldOpens == newOpens) {
        fail("run " + run + ": old opens " + oldOpens + ", new opens " + newOpens);
      }
      outcomes.add(finished ? "done" : newOpens ? "killed-after" : "killed-before");
      current = newOpens ? next : current;
    }
    assertTrue(list(current).ok().out().startsWith("AWS default\t"), outcomes.toString());
  }
}
