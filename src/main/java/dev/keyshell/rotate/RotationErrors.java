package dev.keyshell.rotate;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;

/**
 * The one-line errors of {@code keyshell rotate}, each saying which keys IAM holds now, which one
 * the item holds, and that it works: whatever failed, the user learns exactly what to clean up.
 */
final class RotationErrors {
  static final String AGAIN = "then run keyshell rotate again";

  private RotationErrors() {}

  static KeyshellException atLimit(String stored, String other) {
    return new KeyshellException(
        "the IAM user already has two access keys, "
            + AwsKeys.mask(stored)
            + " (the item's) and "
            + AwsKeys.mask(other)
            + ": IAM allows no third, and keyshell deletes only keys it created; nothing changed",
        "if "
            + AwsKeys.mask(other)
            + " is unused, delete it: "
            + deleteCommand(other)
            + "; "
            + AGAIN);
  }

  static KeyshellException notListed(String stored) {
    return new KeyshellException(
        "IAM does not list the item's key "
            + AwsKeys.mask(stored)
            + " among the user's access keys; nothing changed",
        "check the item holds this user's key: aws iam list-access-keys");
  }

  static KeyshellException createRefused(String reason, String stored) {
    return new KeyshellException(
        "IAM refused CreateAccessKey ("
            + reason
            + "); nothing changed: the item still holds "
            + AwsKeys.mask(stored)
            + ", which still works",
        "check that the user may call iam:CreateAccessKey on itself; " + AGAIN);
  }

  /** CreateAccessKey got no answer: IAM may or may not have made a key. */
  static KeyshellException createUnanswered(String reason, String stored) {
    return new KeyshellException(
        "IAM did not answer CreateAccessKey ("
            + reason
            + "); the item still holds "
            + AwsKeys.mask(stored)
            + ", which still works, and IAM may have created a key keyshell never received",
        "run keyshell rotate again: it checks what IAM holds first");
  }

  /** Storing failed, the item still holds the old key, and the new one was deleted again. */
  static KeyshellException notStoredUndone(String reason, String stored, String created) {
    return new KeyshellException(
        "cannot store the new key in the item ("
            + reason
            + "); keyshell deleted the new key "
            + AwsKeys.mask(created)
            + " from IAM again, so nothing changed: the item still holds "
            + AwsKeys.mask(stored)
            + ", which still works",
        "fix what stopped the store, " + AGAIN);
  }

  /** Storing failed, the item still holds the old key, and the new one could not be deleted. */
  static KeyshellException notStored(
      String reason, String stored, String created, String deleteReason) {
    return new KeyshellException(
        "the new key "
            + AwsKeys.mask(created)
            + " exists in IAM but is not stored ("
            + reason
            + "; deleting it failed: "
            + deleteReason
            + "); the item still holds "
            + AwsKeys.mask(stored)
            + ", which still works",
        "delete the new key with: " + deleteCommand(created) + "; " + AGAIN);
  }

  /** Storing failed and the item could not be read back: both keys exist and work. */
  static KeyshellException storeUnknown(String reason, String stored, String created) {
    return new KeyshellException(
        "storing the new key failed ("
            + reason
            + ") and the item cannot be read back; IAM holds both "
            + AwsKeys.mask(stored)
            + " and the new "
            + AwsKeys.mask(created)
            + ", and both work",
        "see which key the item holds, delete the other with: aws iam delete-access-key"
            + " --access-key-id ID; "
            + AGAIN);
  }

  /**
   * STS never took the new key: the old one is back in the item ({@code restored}) or not, the new
   * one deleted again ({@code deleteReason} null) or not.
   */
  static KeyshellException notAccepted(
      String reason, String stored, String created, boolean restored, String deleteReason) {
    String head =
        "STS did not accept the new key "
            + AwsKeys.mask(created)
            + " within "
            + KeyRotation.ACCEPT_WITHIN.toSeconds()
            + " s ("
            + reason
            + ")";
    if (!restored) {
      return new KeyshellException(
          head
              + "; the item holds it, and the old key "
              + AwsKeys.mask(stored)
              + " still exists in IAM and still works",
          "IAM is eventually consistent: check with aws sts get-caller-identity in a minute, then"
              + " delete the old key: "
              + deleteCommand(stored));
    }
    if (deleteReason == null) {
      return new KeyshellException(
          head
              + "; keyshell put "
              + AwsKeys.mask(stored)
              + " back in the item, which still works, and deleted the new key from IAM: nothing"
              + " changed",
          "run keyshell rotate again in a minute");
    }
    return new KeyshellException(
        head
            + "; keyshell put "
            + AwsKeys.mask(stored)
            + " back in the item, which still works; the new key still exists in IAM, unused"
            + " (deleting it failed: "
            + deleteReason
            + ")",
        "delete the new key with: " + deleteCommand(created) + "; " + AGAIN);
  }

  static KeyshellException oldNotDeleted(String reason, String stored, String created) {
    return new KeyshellException(
        "the item holds the new key "
            + AwsKeys.mask(created)
            + ", which works; deleting the old key "
            + AwsKeys.mask(stored)
            + " from IAM failed ("
            + reason
            + "): it still exists and still works",
        "delete the old key with: " + deleteCommand(stored));
  }

  /**
   * A rotation was interrupted while CreateAccessKey had not answered, and IAM now lists {@code
   * other} besides the item's key: keyshell may have created it, but never received its secret.
   */
  static KeyshellException unknownKeyAfterCrash(String stored, String other) {
    return new KeyshellException(
        "an earlier rotation was interrupted while IAM created a key; IAM now holds "
            + AwsKeys.mask(stored)
            + " (the item's, which still works) and "
            + AwsKeys.mask(other)
            + ", which keyshell may have created but never received the secret of; nothing changed",
        "if nobody uses "
            + AwsKeys.mask(other)
            + ", delete it: "
            + deleteCommand(other)
            + "; "
            + AGAIN);
  }

  /** The new key of an interrupted rotation was never stored, and deleting it failed. */
  static KeyshellException unstoredNotDeleted(String reason, String stored, String created) {
    return new KeyshellException(
        "the new key "
            + AwsKeys.mask(created)
            + " of an interrupted rotation exists in IAM but was never stored, and deleting it"
            + " failed ("
            + reason
            + "); the item still holds "
            + AwsKeys.mask(stored)
            + ", which still works",
        "delete the new key with: " + deleteCommand(created) + "; " + AGAIN);
  }

  /** Another {@code keyshell rotate} of the same item holds its lock. */
  static KeyshellException alreadyRotating(String profile) {
    return new KeyshellException(
        "another keyshell rotate is replacing the key of the item that serves AWS profile '"
            + profile
            + "' right now; nothing changed",
        "let it finish (it may be waiting for an answer in another terminal), then run keyshell"
            + " rotate again if you still want a new key");
  }

  /** The command that deletes {@code keyId}, the id masked: aws iam list-access-keys shows it. */
  static String deleteCommand(String keyId) {
    return "aws iam delete-access-key --access-key-id ID (the id ending in "
        + keyId.substring(Math.max(0, keyId.length() - 4))
        + " that aws iam list-access-keys shows)";
  }
}
