package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.IamStandIn.NEW_KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyshell rotate} through the packaged CLI, against an IAM stand-in that keeps the user's
 * keys and the local STS stand-in: whatever fails, the item holds a key that works and the message
 * says what IAM holds.
 */
class RotateIT {
  static final String OTHER_KEY = "AKIAOTHERKEY000OTHR";

  @TempDir Path tmp;
  StsStandIn sts;
  IamStandIn iam;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    // STS accepts the new long-lived key (and, as the stand-in does, no other long-lived key).
    sts.server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .withHeader("Authorization", containing("Credential=" + NEW_KEY_ID + "/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<GetCallerIdentityResponse"
                            + " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/demo"
                            + "</Arn><UserId>AIDASTANDIN000000000</UserId><Account>111122223333"
                            + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1"
                            + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>")));
    box = Users.initialised(tmp, sts, Users.CONFIG);
  }

  @AfterEach
  void tearDown() {
    sts.close();
    if (iam != null) {
      iam.close();
    }
  }

  private Sandbox.Result rotate(IamStandIn stand, String... extra) {
    iam = stand;
    box.env.put("AWS_ENDPOINT_URL_IAM", iam.url());
    List<String> args = new java.util.ArrayList<>(List.of("rotate"));
    args.addAll(List.of(extra));
    return box.keyshell(null, args.toArray(String[]::new));
  }

  /** The long-lived key the item holds now: the one that signs a fresh GetSessionToken. */
  private String storedKey() {
    sts.reset();
    box.keyshell(null, "export", "--format", "json").ok();
    List<StsStandIn.Call> mints = sts.calls("GetSessionToken");
    assertEquals(1, mints.size(), "one fresh mint, no cached session: " + sts.calls());
    return mints.get(0).signingKeyId();
  }

  @Test
  void rotation_leaves_one_new_key_in_iam_and_the_item_and_drops_old_sessions() {
    box.keyshell(null, "export", "--format", "json").ok(); // a session minted from the old key
    sts.reset();
    Sandbox.Result r = rotate(new IamStandIn(KEY_ID), "--yes").ok();
    assertTrue(r.err().contains("Rotated"), r.toString());
    assertTrue(r.err().contains("AKIA…NEW1"), r.toString());
    assertTrue(!r.err().contains(NEW_KEY_ID) && !r.err().contains(IamStandIn.NEW_SECRET), r.err());
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
    // IAM was signed by the MFA session, not by the long-lived key.
    for (StsStandIn.Call c : iam.calls()) {
      assertEquals("ASIASESSIONEXAMPLE01", c.signingKeyId(), c.params().toString());
    }
    assertEquals(KEY_ID, iam.calls("DeleteAccessKey").get(0).params().get("AccessKeyId"));
    List<StsStandIn.Call> identity = sts.calls("GetCallerIdentity");
    assertEquals(NEW_KEY_ID, identity.get(identity.size() - 1).signingKeyId());
    assertEquals(
        1,
        sts.calls("GetSessionToken").size(),
        "one MFA session for the IAM calls: " + sts.calls());
    assertEquals(NEW_KEY_ID, storedKey(), "the item holds the new key, old sessions are gone");
  }

  @Test
  void a_user_at_the_two_key_limit_is_refused_before_anything_changes() {
    Sandbox.Result r = rotate(new IamStandIn(KEY_ID, OTHER_KEY), "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("two access keys"), r.err());
    assertTrue(r.err().contains("AKIA…OTHR"), r.err());
    assertTrue(r.err().contains("aws iam delete-access-key"), r.err());
    assertTrue(!r.err().contains(OTHER_KEY), r.err());
    assertEquals(List.of(), iam.calls("CreateAccessKey"));
    assertEquals(List.of(), iam.calls("DeleteAccessKey"));
    assertEquals(List.of(KEY_ID, OTHER_KEY), iam.keys);
    assertEquals(KEY_ID, storedKey());
  }

  @Test
  void a_refused_create_changes_nothing_and_says_so() {
    IamStandIn stand = new IamStandIn(KEY_ID);
    stand.failing.add("CreateAccessKey");
    Sandbox.Result r = rotate(stand, "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("IAM refused CreateAccessKey"), r.err());
    assertTrue(r.err().contains("still holds AKIA…MPLE, which still works"), r.err());
    assertEquals(List.of(KEY_ID), iam.keys);
    assertEquals(KEY_ID, storedKey());
  }

  @Test
  void a_failed_delete_after_storing_leaves_the_new_key_stored_and_names_the_old() {
    IamStandIn stand = new IamStandIn(KEY_ID);
    stand.failing.add("DeleteAccessKey");
    Sandbox.Result r = rotate(stand, "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("the item holds the new key AKIA…NEW1, which works"), r.err());
    assertTrue(r.err().contains("deleting the old key AKIA…MPLE from IAM failed"), r.err());
    assertEquals(List.of(KEY_ID, NEW_KEY_ID), iam.keys);
    assertEquals(NEW_KEY_ID, storedKey());
  }

  /**
   * The vault on a small tmpfs that is remounted read-only once the key is imported: reads work,
   * every write fails (for root too). Skipped where tmpfs cannot be mounted.
   */
  private void readOnlyVault() throws Exception {
    readOnlyVault(true);
  }

  /** The same; without {@code mfa} the item has no device, so no run waits for a TOTP step. */
  private void readOnlyVault(boolean mfa) throws Exception {
    Path disk = java.nio.file.Files.createDirectories(tmp.resolve("disk"));
    box = new Sandbox(tmp.resolve("ro-user"));
    Sandbox.Result mount =
        box.run(List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()), null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mount.exit() == 0, "needs root to mount a tmpfs: " + mount);
    unmount = disk;
    box.env.put("XDG_DATA_HOME", disk.toString());
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(
        "[default]\naws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + AwsFunctionIT.SECRET
            + "\n");
    if (mfa) {
      box.config(Users.CONFIG);
      Users.importDefault(box, "local", "--remove-plaintext").ok();
    } else {
      box.config("[default]\nregion = eu-west-1\n");
      Users.importProfile(box, null, "local", "default", "--scope", "global", "--remove-plaintext")
          .ok();
    }
    box.run(List.of("mount", "-o", "remount,ro", disk.toString()), null).ok();
  }

  Path unmount;

  @AfterEach
  void unmount() {
    if (unmount != null) {
      box.run(List.of("umount", unmount.toString()), null);
    }
  }

  @Test
  void a_store_that_cannot_be_written_gets_the_new_key_deleted_again() throws Exception {
    readOnlyVault();
    Sandbox.Result r = rotate(new IamStandIn(KEY_ID), "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, iam.calls("CreateAccessKey").size(), iam.calls().toString());
    assertTrue(r.err().contains("cannot store the new key"), r.err());
    assertTrue(r.err().contains("deleted the new key AKIA…NEW1 from IAM again"), r.err());
    assertTrue(r.err().contains("the item still holds AKIA…MPLE, which still works"), r.err());
    assertEquals(List.of(KEY_ID), iam.keys);
    assertEquals(
        NEW_KEY_ID, iam.calls("DeleteAccessKey").get(0).params().get("AccessKeyId"), "never old");
    assertEquals(KEY_ID, storedKey());
  }

  @Test
  void a_new_key_neither_stored_nor_deleted_is_named_with_the_command_that_deletes_it()
      throws Exception {
    readOnlyVault();
    IamStandIn stand = new IamStandIn(KEY_ID);
    stand.failing.add("DeleteAccessKey");
    Sandbox.Result r = rotate(stand, "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("the new key AKIA…NEW1 exists in IAM but is not stored"), r.err());
    assertTrue(r.err().contains("the item still holds AKIA…MPLE, which still works"), r.err());
    assertTrue(r.err().contains("aws iam delete-access-key --access-key-id"), r.err());
    assertEquals(List.of(KEY_ID, NEW_KEY_ID), iam.keys);
    assertEquals(KEY_ID, storedKey());
  }

  @Test
  void a_new_key_left_unstored_is_deleted_by_the_next_rotate_before_it_rotates() throws Exception {
    readOnlyVault(false);
    IamStandIn stand = new IamStandIn(KEY_ID);
    stand.failing.add("DeleteAccessKey");
    Sandbox.Result failed = rotate(stand, "--yes");
    assertEquals(1, failed.exit(), failed.toString());
    assertEquals(List.of(KEY_ID, NEW_KEY_ID), iam.keys);
    box.run(List.of("mount", "-o", "remount,rw", unmount.toString()), null).ok();
    stand.failing.clear();

    Sandbox.Result r = box.keyshell(null, "rotate", "--yes").ok();
    assertTrue(r.err().contains("the new key AKIA…NEW1 was never stored"), r.err());
    assertTrue(r.err().contains("Deleted the unstored key AKIA…NEW1 from IAM."), r.err());
    assertTrue(r.err().contains("Rotated"), r.err());
    List<String> deleted =
        iam.calls("DeleteAccessKey").stream().map(c -> c.params().get("AccessKeyId")).toList();
    assertEquals(List.of(NEW_KEY_ID, NEW_KEY_ID, KEY_ID), deleted, "unstored first, old last");
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
    assertEquals(NEW_KEY_ID, storedKey());
  }

  @Test
  void a_new_key_sts_never_accepts_is_undone_and_the_old_key_put_back() {
    sts.server.resetToDefaultMappings(); // STS now refuses every long-lived key, the new one too
    Sandbox.Result r = rotate(new IamStandIn(KEY_ID), "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("STS did not accept the new key AKIA…NEW1 within 10 s"), r.err());
    assertTrue(r.err().contains("put AKIA…MPLE back in the item, which still works"), r.err());
    assertTrue(sts.calls("GetCallerIdentity").size() >= 3, "retried: " + sts.calls());
    assertEquals(List.of(KEY_ID), iam.keys);
    assertEquals(KEY_ID, storedKey());
  }

  /** A terminal for the box, against a fresh IAM stand-in that holds the item's key. */
  private Tmux terminal() throws Exception {
    iam = new IamStandIn(KEY_ID);
    box.env.put("AWS_ENDPOINT_URL_IAM", iam.url());
    box.env.remove("KEYSHELL_NO_TTY");
    box.env.put("TERM", "xterm-256color");
    return new Tmux(tmp, box.env, WizardIT.SCREENS);
  }

  /** {@code keyshell rotate --yes} killed (SIGKILL) once IAM has received {@code action}. */
  private void crashDuring(String action) throws Exception {
    box = Users.withoutMfa(tmp.resolve("no-mfa"), sts); // no wait for TOTP steps between runs
    iam = new IamStandIn(KEY_ID);
    iam.hanging.add(action);
    box.env.put("AWS_ENDPOINT_URL_IAM", iam.url());
    Process p = box.start("rotate", "--yes");
    try {
      assertEquals(action, iam.hung.get(60, TimeUnit.SECONDS));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      iam.release.complete(null);
    }
    iam.hanging.clear();
  }

  @Test
  void a_crash_before_the_old_key_is_deleted_is_finished_by_the_next_rotate() throws Exception {
    crashDuring("DeleteAccessKey");
    assertEquals(List.of(KEY_ID, NEW_KEY_ID), iam.keys);
    assertEquals(NEW_KEY_ID, storedKey(), "the item holds the new key, which works");
    Path records = box.configDir().resolve("rotations");
    assertEquals(List.of(), Sandbox.filesContaining(records, IamStandIn.NEW_SECRET));
    assertEquals(1, Sandbox.filesContaining(records, NEW_KEY_ID).size(), "the ids are recorded");

    Sandbox.Result r = box.keyshell(null, "rotate", "--yes").ok();
    assertTrue(r.err().contains("did not finish"), r.err());
    assertTrue(r.err().contains("IAM holds AKIA…MPLE and AKIA…NEW1."), r.err());
    assertTrue(r.err().contains("Finished the rotation: item holds AKIA…NEW1"), r.err());
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
    assertEquals(1, iam.calls("CreateAccessKey").size(), "no second key was made");
    assertEquals(NEW_KEY_ID, storedKey(), "sessions of the old key were dropped");
    assertEquals(List.of(), Sandbox.filesContaining(records, NEW_KEY_ID), "the record is gone");
  }

  @Test
  void a_crash_while_iam_creates_a_key_names_the_key_it_never_received_and_deletes_nothing()
      throws Exception {
    crashDuring("CreateAccessKey");
    assertEquals(List.of(KEY_ID, NEW_KEY_ID), iam.keys);
    assertEquals(KEY_ID, storedKey());

    Sandbox.Result r = box.keyshell(null, "rotate", "--yes");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("interrupted while IAM created a key"), r.err());
    assertTrue(r.err().contains("AKIA…MPLE (the item's, which still works) and AKIA…NEW1"));
    assertTrue(r.err().contains("aws iam delete-access-key"), r.err());
    assertEquals(List.of(), iam.calls("DeleteAccessKey"));
    assertEquals(1, iam.calls("CreateAccessKey").size());

    iam.keys.remove(NEW_KEY_ID); // the user deletes it, as the hint says
    Sandbox.Result again = box.keyshell(null, "rotate", "--yes").ok();
    assertTrue(again.err().contains("Rotated"), again.toString());
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
    assertEquals(NEW_KEY_ID, storedKey());
  }

  @Test
  void a_second_rotate_of_the_same_item_is_refused_while_the_first_runs() throws Exception {
    box = Users.withoutMfa(tmp.resolve("no-mfa"), sts);
    try (Tmux t = terminal()) {
      t.start(Sandbox.KEYSHELL + " rotate");
      t.waitFor("Rotate the key? (y/N)");

      box.env.put("KEYSHELL_NO_TTY", "1");
      Sandbox.Result second = box.keyshell(null, "rotate", "--yes");
      assertEquals(1, second.exit(), second.toString());
      assertTrue(second.err().startsWith("keyshell: another keyshell rotate is replacing"));
      assertEquals(List.of(), iam.calls(), "the second made no IAM call");

      t.line("y");
      assertEquals(0, t.exitCode(), t.screen());
    }
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
    assertEquals(1, iam.calls("CreateAccessKey").size());
  }

  @Test
  void on_a_terminal_it_asks_first_and_only_yes_rotates() throws Exception {
    try (Tmux t = terminal()) {
      t.start(Sandbox.KEYSHELL + " rotate");
      t.waitFor("Rotate the key? (y/N)");
      t.line("");
      assertEquals(1, t.exitCode(), t.screen());
      assertTrue(t.screen().contains("nothing was changed"), t.screen());
      assertEquals(List.of(), iam.calls());
      t.start(Sandbox.KEYSHELL + " rotate");
      t.waitFor("Rotate the key? (y/N)");
      t.line("y");
      assertEquals(0, t.exitCode(), t.screen());
      assertTrue(t.screen().contains("Rotated"), t.screen());
    }
    assertEquals(List.of(NEW_KEY_ID), iam.keys);
  }

  @Test
  void no_terminal_and_no_yes_is_a_usage_error_before_any_call() {
    Sandbox.Result r = rotate(new IamStandIn(KEY_ID));
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("--yes"), r.err());
    assertEquals(List.of(), iam.calls());
  }
}
