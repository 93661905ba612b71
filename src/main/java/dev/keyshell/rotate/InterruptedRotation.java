package dev.keyshell.rotate;

import dev.keyshell.aws.IamKeys;
import dev.keyshell.item.AwsKeys;
import java.io.PrintStream;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A rotation of the item that did not finish (a crash, a kill, a step that failed and left two
 * keys), as its {@link RotationJournal} recorded it, and what the next {@code keyshell rotate} does
 * about it, decided by the key the item holds now:
 *
 * <ul>
 *   <li>the new key: it was stored, so the rotation is finished (the old key deleted from IAM);
 *   <li>the old key: the new one never served, so it is deleted from IAM where it exists (keyshell
 *       created it, and its secret is gone with the crash), then the item is rotated afresh; when
 *       IAM never answered CreateAccessKey, a key IAM lists besides the item's is only named, since
 *       keyshell cannot know it made it;
 *   <li>another key: the item was changed since; the record is dropped.
 * </ul>
 */
final class InterruptedRotation {
  /** What the record and the item's key say. */
  enum Plan {
    FINISH,
    UNDO,
    STALE
  }

  private final RotationJournal journal;
  private final RotationJournal.Entry entry;
  private final String itemKey;

  InterruptedRotation(RotationJournal journal, RotationJournal.Entry entry, String itemKey) {
    this.journal = journal;
    this.entry = entry;
    this.itemKey = itemKey;
  }

  static Plan plan(RotationJournal.Entry entry, String itemKey) {
    if (entry.newKey() != null && entry.newKey().equals(itemKey)) {
      return Plan.FINISH;
    }
    return entry.oldKey().equals(itemKey) ? Plan.UNDO : Plan.STALE;
  }

  Plan plan() {
    return plan(entry, itemKey);
  }

  /** What the person is told before the confirmation. */
  String describe(String title) {
    String head =
        "A rotation of item " + title + " did not finish (it began " + entry.started() + "): ";
    return switch (plan()) {
      case FINISH ->
          head
              + "the item already holds the new key "
              + AwsKeys.mask(entry.newKey())
              + ". keyshell finishes it: the old key "
              + AwsKeys.mask(entry.oldKey())
              + " is deleted from IAM, and the sessions minted from it are dropped.";
      case UNDO ->
          head
              + "the item still holds "
              + AwsKeys.mask(entry.oldKey())
              + ", which works; "
              + (entry.newKey() != null
                  ? "the new key "
                      + AwsKeys.mask(entry.newKey())
                      + " was never stored. keyshell"
                      + " deletes it from IAM, then"
                  : "IAM had not answered CreateAccessKey. keyshell checks what IAM holds, then")
              + " rotates the key afresh: a new key is created in IAM, stored and checked with"
              + " STS, then the old one is deleted from IAM.";
      case STALE ->
          head
              + "the item now holds "
              + AwsKeys.mask(itemKey)
              + ", neither of its keys ("
              + AwsKeys.mask(entry.oldKey())
              + (entry.newKey() == null ? "" : ", " + AwsKeys.mask(entry.newKey()))
              + "), so the record is dropped and the key rotated afresh.";
    };
  }

  /** The confirmation's question. */
  String question() {
    return plan() == Plan.FINISH ? "Finish the rotation?" : "Rotate the key?";
  }

  /**
   * Cleans up in IAM; true when that finished the rotation (nothing more to do), false when a fresh
   * rotation follows. Every line says what IAM held and what keyshell did.
   */
  boolean resolve(IamKeys iam, IntSupplier forgetSessions, PrintStream err) {
    Plan plan = plan();
    if (plan == Plan.STALE) {
      journal.clear();
      return false;
    }
    List<String> keys = iam.list();
    err.println("IAM holds " + masked(keys) + ".");
    if (plan == Plan.FINISH) {
      if (keys.contains(entry.oldKey())) {
        try {
          iam.delete(entry.oldKey());
        } catch (IamKeys.IamFailure e) {
          throw RotationErrors.oldNotDeleted(e.reason(), entry.oldKey(), entry.newKey());
        }
      }
      int dropped = forgetSessions.getAsInt();
      journal.clear();
      err.println(
          "Finished the rotation: item holds "
              + AwsKeys.mask(entry.newKey())
              + "; "
              + AwsKeys.mask(entry.oldKey())
              + (keys.contains(entry.oldKey()) ? " was deleted from IAM" : " was already gone")
              + "; "
              + dropped
              + " cached session file"
              + (dropped == 1 ? "" : "s")
              + " dropped.");
      return true;
    }
    if (entry.newKey() == null) {
      List<String> others = keys.stream().filter(k -> !k.equals(entry.oldKey())).toList();
      if (!others.isEmpty()) {
        throw RotationErrors.unknownKeyAfterCrash(entry.oldKey(), others.get(0));
      }
    } else if (keys.contains(entry.newKey())) {
      try {
        iam.delete(entry.newKey());
      } catch (IamKeys.IamFailure e) {
        throw RotationErrors.unstoredNotDeleted(e.reason(), entry.oldKey(), entry.newKey());
      }
      err.println("Deleted the unstored key " + AwsKeys.mask(entry.newKey()) + " from IAM.");
    }
    journal.clear();
    return false;
  }

  private static String masked(List<String> keys) {
    if (keys.isEmpty()) {
      return "no access key of the user";
    }
    return String.join(" and ", keys.stream().map(AwsKeys::mask).toList());
  }
}
