package dev.keyshell.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.ItemRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The record of a rotation in flight, so that a crash between CreateAccessKey and DeleteAccessKey
 * is finished or undone by the next {@code keyshell rotate}: the old key's id, the new key's id
 * once IAM has answered, and when it began. Key ids only, never a secret. One private file (0600,
 * written atomically) per item, under the config directory: it outlives a reboot, and is writable
 * where the store is not (a read-only vault must still get its new key deleted again). The item's
 * rotation lock sits beside the runtime directory's other locks.
 */
final class RotationJournal {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  /** What was recorded: {@code newKey} is null while CreateAccessKey had not answered. */
  record Entry(String oldKey, String newKey, Instant started) {}

  private final Path file;

  RotationJournal(Path file) {
    this.file = file;
  }

  /** The journal of the item {@code ref}. */
  static RotationJournal of(Dirs dirs, ItemRef ref) {
    return new RotationJournal(dirs.config().resolve("rotations").resolve(name(ref) + ".json"));
  }

  /** The lock that one {@code rotate} of the item {@code ref} holds from start to end. */
  static Path lockFile(Dirs dirs, ItemRef ref) {
    return dirs.runtime().resolve("locks").resolve("rotate-" + name(ref) + ".lock");
  }

  private static String name(ItemRef ref) {
    return SessionCache.key(
            "rotation", ref.store().name(), ref.account(), ref.vaultId(), ref.itemId())
        .substring(0, 32);
  }

  Path file() {
    return file;
  }

  /** The rotation that did not finish, if one did not. */
  Optional<Entry> read() {
    JsonNode n;
    try {
      SecureFiles.checkPrivate(file);
      n = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(e.getMessage());
    }
    String oldKey = n.path("old_key").asText("");
    String newKey = n.path("new_key").isTextual() ? n.path("new_key").asText() : null;
    if (n.path("version").asInt() != VERSION || oldKey.isEmpty()) {
      throw unreadable("not a record keyshell wrote");
    }
    try {
      return Optional.of(new Entry(oldKey, newKey, Instant.parse(n.path("started").asText())));
    } catch (DateTimeParseException e) {
      throw unreadable("no start time");
    }
  }

  /** Before CreateAccessKey: the item's key is {@code oldKey}. Nothing happens if this fails. */
  Entry begin(String oldKey, Instant now) {
    Entry e = new Entry(oldKey, null, now);
    write(e);
    return e;
  }

  /** CreateAccessKey answered with {@code newKey}. */
  Entry created(Entry begun, String newKey) {
    Entry e = new Entry(begun.oldKey(), newKey, begun.started());
    write(e);
    return e;
  }

  /**
   * The rotation ended with one key in IAM and in the item (or changed nothing). A record that
   * cannot be deleted only makes the next rotate check IAM again, so that is not an error.
   */
  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next rotate finds the record, sees IAM holds one key, and deletes it then
    }
  }

  private void write(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", VERSION);
    n.put("old_key", e.oldKey());
    n.put("new_key", e.newKey());
    n.put("started", e.started().toString());
    try {
      SecureFiles.writeAtomically(file, JSON.writeValueAsBytes(n));
    } catch (IOException ex) {
      throw new KeyshellException(
          "cannot record the rotation in " + file + ": " + ex.getMessage(),
          "keyshell records each step so that a crash can be cleaned up; free the disk or fix the"
              + " directory's permissions, then run keyshell rotate again");
    }
  }

  private KeyshellException unreadable(String why) {
    return new KeyshellException(
        "cannot read the record of an interrupted rotation, " + file + " (" + why + ")",
        "check the item's key and aws iam list-access-keys, delete the file, then run keyshell"
            + " rotate again");
  }
}
