package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of another user is named as such: "readable by others" with a chmod hint misleads. */
class SecureFilesOwnerTest {
  @TempDir Path tmp;

  @Test
  void a_private_directory_of_another_user_is_refused_for_its_owner() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("keyshell-0"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    UserPrincipal nobody =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try {
      Files.setOwner(dir, nobody);
    } catch (IOException e) {
      assumeTrue(false, "needs root to give a directory to nobody");
    }

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> SecureFiles.checkPrivate(dir));

    Object uid = Files.getAttribute(dir, "unix:uid");
    assertEquals(dir + " belongs to another user (uid " + uid + ")", e.getMessage());
    assertFalse(e.hint().contains("chmod"), e.hint());
  }
}
