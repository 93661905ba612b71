package dev.keyshell.rotate;

import static dev.keyshell.rotate.RotationErrorsTest.NEW;
import static dev.keyshell.rotate.RotationErrorsTest.OLD;
import static dev.keyshell.rotate.RotationErrorsTest.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of a rotation in flight, and what the next rotate makes of it. */
class RotationJournalTest {
  static final Instant T = Instant.parse("2026-12-02T05:00:00Z");

  @TempDir Path tmp;

  private Dirs dirs() {
    return new Dirs(tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("cache"), tmp);
  }

  private static ItemRef item(String id) {
    return new ItemRef(StoreKind.OP, "my.1password.com", "vault1", id);
  }

  @Test
  void records_each_step_privately_with_key_ids_only_and_is_gone_once_cleared() throws Exception {
    RotationJournal j = RotationJournal.of(dirs(), item("item1"));
    assertEquals(Optional.empty(), j.read());

    RotationJournal.Entry begun = j.begin(OLD, T);
    assertEquals(Optional.of(new RotationJournal.Entry(OLD, null, T)), j.read());
    j.created(begun, NEW);
    assertEquals(Optional.of(new RotationJournal.Entry(OLD, NEW, T)), j.read());

    assertTrue(j.file().startsWith(tmp.resolve("config")), "outlives a reboot: " + j.file());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(j.file())));
    String text = Files.readString(j.file());
    assertEquals(
        "{\"version\":1,\"old_key\":\""
            + OLD
            + "\",\"new_key\":\""
            + NEW
            + "\",\"started\":\""
            + T
            + "\"}",
        text,
        "ids and a time, nothing secret");
    j.clear();
    assertFalse(Files.exists(j.file()));
    assertEquals(Optional.empty(), j.read());
  }

  @Test
  void each_item_has_its_own_record_and_lock() {
    assertNotEquals(
        RotationJournal.of(dirs(), item("a")).file(), RotationJournal.of(dirs(), item("b")).file());
    assertNotEquals(
        RotationJournal.lockFile(dirs(), item("a")), RotationJournal.lockFile(dirs(), item("b")));
    assertTrue(RotationJournal.lockFile(dirs(), item("a")).startsWith(tmp.resolve("locks")));
  }

  @Test
  void a_record_keyshell_did_not_write_is_one_line_naming_the_file() throws Exception {
    RotationJournal j = RotationJournal.of(dirs(), item("item1"));
    j.begin(OLD, T);
    Files.writeString(j.file(), "{\"version\":7}");
    KeyshellException e = assertThrows(KeyshellException.class, j::read);
    assertTrue(e.getMessage().startsWith("cannot read the record of an interrupted rotation"));
    assertTrue(e.getMessage().contains(j.file().toString()), e.getMessage());
  }

  @Test
  void the_key_the_item_holds_decides_finish_undo_or_drop() {
    var created = new RotationJournal.Entry(OLD, NEW, T);
    var creating = new RotationJournal.Entry(OLD, null, T);
    assertEquals(InterruptedRotation.Plan.FINISH, InterruptedRotation.plan(created, NEW));
    assertEquals(InterruptedRotation.Plan.UNDO, InterruptedRotation.plan(created, OLD));
    assertEquals(InterruptedRotation.Plan.UNDO, InterruptedRotation.plan(creating, OLD));
    assertEquals(InterruptedRotation.Plan.STALE, InterruptedRotation.plan(created, OTHER));
    assertEquals(InterruptedRotation.Plan.STALE, InterruptedRotation.plan(creating, NEW));
  }

  @Test
  void what_the_person_is_told_names_the_keys_masked_and_what_happens_next() {
    RotationJournal j = RotationJournal.of(dirs(), item("item1"));
    String finish =
        new InterruptedRotation(j, new RotationJournal.Entry(OLD, NEW, T), NEW).describe("'T'");
    assertTrue(finish.contains("already holds the new key AKIA…NEW1"), finish);
    assertTrue(finish.contains("the old key AKIA…OLD1 is deleted from IAM"), finish);
    String undo =
        new InterruptedRotation(j, new RotationJournal.Entry(OLD, NEW, T), OLD).describe("'T'");
    assertTrue(undo.contains("the new key AKIA…NEW1 was never stored"), undo);
    for (String s : new String[] {finish, undo}) {
      assertFalse(s.contains(OLD) || s.contains(NEW), s);
      assertTrue(s.contains("2026-12-02T05:00:00Z"), s);
    }
  }
}
