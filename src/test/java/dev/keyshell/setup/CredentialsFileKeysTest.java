package dev.keyshell.setup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code profiles()} and {@code keys()}: what an import reads, and what it refuses. */
class CredentialsFileKeysTest {
  static final String ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String FILE =
      "# keys\n"
          + "[default]\n"
          + "aws_access_key_id = "
          + ID
          + "\n"
          + "aws_secret_access_key = "
          + SECRET
          + " ; rotated in May\n"
          + "region = eu-west-1\n"
          + "[tmp]\n"
          + "aws_access_key_id = ASIAIOSFODNN7EXAMPLE\n"
          + "aws_secret_access_key = tmpSecret\n"
          + "aws_session_token = FwoGZXIvYXdzEBYaD\n"
          + "[half]\n"
          + "AWS_Access_Key_ID=AKIAHALFHALFEXAMPLE1\n"
          + "[settings]\n"
          + "region = us-east-1\n"
          + "[profile ignored]\n"
          + "aws_access_key_id = AKIAIGNOREDEXAMPLE12\n";

  private static CredentialsFile creds() {
    return new CredentialsFile(Path.of("/home/u/.aws/credentials"), FILE.getBytes(UTF_8));
  }

  @Test
  void lists_every_section_with_an_access_key_and_whether_it_is_temporary() {
    assertEquals(
        List.of(
            new ProfileKeys("default", ID, false, Optional.of("eu-west-1")),
            new ProfileKeys("tmp", "ASIAIOSFODNN7EXAMPLE", true, Optional.empty()),
            new ProfileKeys("half", "AKIAHALFHALFEXAMPLE1", false, Optional.empty())),
        creds().profiles());
  }

  @Test
  void reads_the_keys_and_region_of_a_profile_without_the_trailing_comment() {
    ImportedKeys keys = creds().keys("default");
    assertEquals(ID, keys.accessKeyId());
    assertEquals(SECRET, keys.secretAccessKey());
    assertEquals(Optional.of("eu-west-1"), keys.region());
  }

  @Test
  void refuses_temporary_credentials_because_they_would_expire() {
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds().keys("tmp"));
    assertTrue(e.getMessage().contains("temporary"), e.getMessage());
    assertTrue(e.getMessage().contains("expire"), e.getMessage());
    assertFalse(e.getMessage().contains("tmpSecret"));
  }

  @Test
  void refuses_an_sts_key_id_even_without_a_session_token() {
    String file = "[sts]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n";
    CredentialsFile creds = new CredentialsFile(Path.of("c"), file.getBytes(UTF_8));
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds.keys("sts"));
    assertTrue(e.getMessage().contains("ASIA…MPLE"), e.getMessage());
  }

  @Test
  void names_the_profile_and_lists_the_others_when_the_secret_is_missing() {
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds().keys("half"));
    assertEquals(
        "profile 'half' in /home/u/.aws/credentials has no aws_secret_access_key", e.getMessage());
    assertEquals("profiles with keys: default, tmp, half", e.hint());
  }

  @Test
  void names_the_missing_access_key_of_a_profile_without_keys() {
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds().keys("settings"));
    assertTrue(e.getMessage().endsWith("has no aws_access_key_id"), e.getMessage());
  }

  @Test
  void refuses_an_unknown_profile_listing_names_never_values() {
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds().keys("ignored"));
    assertEquals("there is no profile 'ignored' in /home/u/.aws/credentials", e.getMessage());
    assertEquals("profiles with keys: default, tmp, half", e.hint());
    assertFalse((e.getMessage() + e.hint()).contains("AKIA"));
  }

  @Test
  void says_so_when_the_file_has_no_keys_at_all() {
    CredentialsFile creds = new CredentialsFile(Path.of("c"), "[a]\nregion = x\n".getBytes(UTF_8));
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds.keys("b"));
    assertTrue(e.hint().contains("--import-env"), e.hint());
  }

  @Test
  void refuses_a_key_split_over_lines_without_showing_it() {
    String file = "[dev]\naws_access_key_id = " + ID + "\naws_secret_access_key = abc\n  def\n";
    CredentialsFile creds = new CredentialsFile(Path.of("c"), file.getBytes(UTF_8));
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds.keys("dev"));
    assertTrue(e.getMessage().contains("line breaks"), e.getMessage());
    assertFalse(e.getMessage().contains("abc"));
  }

  @Test
  void reports_a_malformed_file_by_line_number_without_its_text() {
    String file = "[dev]\naws_secret_access_key " + SECRET + "\n";
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> new CredentialsFile(Path.of("c"), file.getBytes(UTF_8)));
    assertEquals(
        "cannot read c: Expected an '=' sign defining a property on line 2", e.getMessage());
    assertFalse(e.hint().contains(SECRET));
  }

  @Test
  void never_shows_a_secret_or_a_whole_key_id_in_to_string() {
    String shown = creds().keys("default") + " " + creds().profiles() + " " + creds();
    assertFalse(shown.contains(SECRET), shown);
    assertFalse(shown.contains(ID), shown);
    assertTrue(shown.contains("AKIA…MPLE"), shown);
  }
}
