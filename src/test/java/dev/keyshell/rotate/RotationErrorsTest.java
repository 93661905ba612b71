package dev.keyshell.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rotate failure says which key the item holds, that it works, and what IAM holds. */
class RotationErrorsTest {
  static final String OLD = "AKIAEXAMPLEOLDKEOLD1";
  static final String NEW = "AKIAEXAMPLENEWKENEW1";
  static final String OTHER = "AKIAOTHERKEY000OTHR";

  private static String line(KeyshellException e) {
    return e.getMessage() + " | " + e.hint();
  }

  @Test
  void no_message_shows_a_whole_key_id() {
    for (KeyshellException e :
        List.of(
            RotationErrors.atLimit(OLD, OTHER),
            RotationErrors.notListed(OLD),
            RotationErrors.createRefused("AccessDenied: no", OLD),
            RotationErrors.notStoredUndone("disk full", OLD, NEW),
            RotationErrors.notStored("disk full", OLD, NEW, "AccessDenied: no"),
            RotationErrors.storeUnknown("disk full", OLD, NEW),
            RotationErrors.notAccepted("InvalidClientTokenId", OLD, NEW, true, null),
            RotationErrors.notAccepted("InvalidClientTokenId", OLD, NEW, true, "AccessDenied"),
            RotationErrors.notAccepted("InvalidClientTokenId", OLD, NEW, false, "not tried"),
            RotationErrors.oldNotDeleted("AccessDenied: no", OLD, NEW),
            RotationErrors.createUnanswered("timed out", OLD),
            RotationErrors.unknownKeyAfterCrash(OLD, OTHER),
            RotationErrors.unstoredNotDeleted("AccessDenied: no", OLD, NEW))) {
      String l = line(e);
      for (String id : List.of(OLD, NEW, OTHER)) {
        assertFalse(l.contains(id), l);
      }
      assertFalse(e.getMessage().contains("\n"), l);
    }
  }

  @Test
  void the_two_key_limit_names_the_other_key_and_how_to_delete_it() {
    String l = line(RotationErrors.atLimit(OLD, OTHER));
    assertTrue(l.contains("AKIA…OLD1 (the item's) and AKIA…OTHR"), l);
    assertTrue(l.contains("nothing changed"), l);
    assertTrue(l.contains("if AKIA…OTHR is unused, delete it: aws iam delete-access-key"), l);
    assertTrue(l.contains("the id ending in OTHR"), l);
  }

  @Test
  void a_refused_create_says_nothing_changed_and_the_old_key_works() {
    assertEquals(
        "IAM refused CreateAccessKey (LimitExceeded: too many); nothing changed: the item still"
            + " holds AKIA…OLD1, which still works",
        RotationErrors.createRefused("LimitExceeded: too many", OLD).getMessage());
  }

  @Test
  void an_unstored_new_key_is_named_with_its_delete_command_unless_it_was_deleted() {
    String undone = line(RotationErrors.notStoredUndone("read-only", OLD, NEW));
    assertTrue(undone.contains("deleted the new key AKIA…NEW1 from IAM again"), undone);
    assertTrue(undone.contains("still holds AKIA…OLD1, which still works"), undone);
    assertFalse(undone.contains("delete-access-key"), undone);
    String left = line(RotationErrors.notStored("read-only", OLD, NEW, "AccessDenied: x"));
    assertTrue(left.startsWith("the new key AKIA…NEW1 exists in IAM but is not stored"), left);
    assertTrue(left.contains("still holds AKIA…OLD1, which still works"), left);
    assertTrue(left.contains("delete the new key with: aws iam delete-access-key"), left);
    assertTrue(left.contains("ending in NEW1"), left);
  }

  @Test
  void an_unreadable_item_says_both_keys_exist_and_work() {
    String l = line(RotationErrors.storeUnknown("op timed out", OLD, NEW));
    assertTrue(l.contains("IAM holds both AKIA…OLD1 and the new AKIA…NEW1, and both work"), l);
  }

  @Test
  void a_key_sts_never_accepts_says_which_key_the_item_holds() {
    String undone = line(RotationErrors.notAccepted("InvalidClientTokenId", OLD, NEW, true, null));
    assertTrue(undone.contains("put AKIA…OLD1 back in the item, which still works"), undone);
    assertTrue(undone.contains("deleted the new key from IAM: nothing changed"), undone);
    String kept = line(RotationErrors.notAccepted("x", OLD, NEW, true, "AccessDenied"));
    assertTrue(kept.contains("the new key still exists in IAM, unused"), kept);
    assertTrue(kept.contains("ending in NEW1"), kept);
    String stuck = line(RotationErrors.notAccepted("x", OLD, NEW, false, "not tried"));
    assertTrue(stuck.contains("the item holds it, and the old key AKIA…OLD1 still exists"), stuck);
    assertTrue(stuck.contains("ending in OLD1"), stuck);
  }

  @Test
  void a_failed_delete_of_the_old_key_says_the_new_one_is_stored_and_works() {
    String l = line(RotationErrors.oldNotDeleted("AccessDenied: no", OLD, NEW));
    assertTrue(l.startsWith("the item holds the new key AKIA…NEW1, which works"), l);
    assertTrue(l.contains("deleting the old key AKIA…OLD1 from IAM failed"), l);
    assertTrue(l.contains("delete the old key with: aws iam delete-access-key"), l);
  }

  @Test
  void profiles_without_a_key_of_keyshell_are_refused_in_one_line() {
    dev.keyshell.aws.ProfileChain chain = dev.keyshell.aws.ProfileChain.root("dev");
    KeyshellException sso =
        org.junit.jupiter.api.Assertions.assertThrows(
            KeyshellException.class,
            () ->
                KeyRotation.served(
                    "dev", new dev.keyshell.provision.CredentialChoice.ServeSso(chain)));
    assertTrue(sso.getMessage().contains("IAM Identity Center"), sso.getMessage());
  }
}
