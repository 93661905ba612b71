package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KEYSHELL_SESSION names a directory, so only the form plugins.sh makes is accepted. */
class DirsSessionTest {
  private final Dirs dirs =
      new Dirs(Path.of("/c"), Path.of("/d"), Path.of("/k"), Path.of("/run/keyshell"));

  @Test
  void the_form_plugins_sh_makes_names_a_file_under_the_runtime_dir() {
    assertEquals(
        Path.of("/run/keyshell/sessions/0a1b2c3d4e5f60718293a4b5/aws.json"),
        dirs.sessionScope("0a1b2c3d4e5f60718293a4b5", "aws"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../tmp/evil",
        "../../../../../../../../tmp/evil0000000000",
        "/tmp/evil",
        "..",
        ".",
        "0A1B2C3D4E5F60718293A4B5",
        "0a1b2c3d4e5f60718293a4b",
        "0a1b2c3d4e5f60718293a4b56",
        "0a1b2c3d4e5f6071829/a4b5",
        "0a1b2c3d4e5f60718293a4b\n",
        "abc",
        ""
      })
  void anything_else_is_refused_with_a_hint(String session) {
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> dirs.sessionScope(session, "aws"));
    assertTrue(e.getMessage().startsWith("KEYSHELL_SESSION is not a session id"), e.getMessage());
    assertTrue(e.hint().contains("unset KEYSHELL_SESSION"), e.hint());
  }
}
