package dev.keyshell.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writing a key back for {@code vault restore}: key lines added, every other byte kept. */
class CredentialsFileRestoreTest {
  private static final String ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String KEYS =
      "aws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n";

  private static String restored(String file, String profile) {
    CredentialsFile f = new CredentialsFile(Path.of("/c"), file.getBytes(StandardCharsets.UTF_8));
    return new String(f.withKeys(profile, ID, SECRET), StandardCharsets.UTF_8);
  }

  @Test
  void a_new_section_goes_at_the_end_and_a_missing_final_newline_is_the_only_other_change() {
    assertEquals("[default]\n" + KEYS, restored("", "default"));
    assertEquals(
        "# mine\n[other]\nregion = x\n[default]\n" + KEYS,
        restored("# mine\n[other]\nregion = x", "default"));
  }

  @Test
  void keys_go_right_after_the_header_of_a_section_that_has_other_settings() {
    assertEquals(
        "[a]\nx = 1\n\n[default] ; mine\n" + KEYS + "region = eu-west-1\n# note\n[b]\n",
        restored("[a]\nx = 1\n\n[default] ; mine\nregion = eu-west-1\n# note\n[b]\n", "default"));
  }

  @Test
  void a_crlf_file_gets_crlf_lines() {
    assertEquals(
        "[a]\r\nx = 1\r\n[b]\r\n" + KEYS.replace("\n", "\r\n"), restored("[a]\r\nx = 1\r\n", "b"));
  }

  @Test
  void a_profile_that_has_keys_is_never_overwritten() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> restored("[default]\naws_access_key_id = AKIAOTHER\n", "default"));
    assertTrue(e.getMessage().contains("already has keys"), e.getMessage());
  }
}
