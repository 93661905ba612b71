package dev.keyshell.setup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code withoutKeys}: byte-exact expectations, written out literally. */
class CredentialsFileRemovalTest {
  static final String ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private static String remove(String file, String profile) {
    CredentialsFile creds = new CredentialsFile(Path.of("credentials"), file.getBytes(UTF_8));
    return new String(creds.withoutKeys(profile), UTF_8);
  }

  @Test
  void keeps_comments_above_inside_and_after_the_section_and_its_other_settings() {
    String file =
        "# my AWS keys\n"
            + "[default]\n"
            + "# the work account\n"
            + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
            + "region = eu-west-1\n"
            + "# rotated 2024-01\n"
            + "\n"
            + "[other]\n"
            + "aws_access_key_id = AKIAOTHEREXAMPLE0002\n"
            + "aws_secret_access_key = otherSecret\n"
            + "# end\n";
    assertEquals(
        "# my AWS keys\n"
            + "[default]\n"
            + "# the work account\n"
            + "region = eu-west-1\n"
            + "# rotated 2024-01\n"
            + "\n"
            + "[other]\n"
            + "aws_access_key_id = AKIAOTHEREXAMPLE0002\n"
            + "aws_secret_access_key = otherSecret\n"
            + "# end\n",
        remove(file, "default"));
  }

  @Test
  void a_comment_that_holds_the_secret_goes_with_the_keys_and_nothing_else_changes() {
    String file =
        "# backup: aws_secret_access_key = "
            + SECRET
            + "\r\n"
            + "[default]\n"
            + ";old "
            + SECRET
            + "\n"
            + "aws_access_key_id = "
            + ID
            + "\n"
            + "aws_secret_access_key = "
            + SECRET
            + "\n"
            + "region = eu-west-1\n"
            + "# keep me: "
            + ID
            + "\n"
            + "[other]\n"
            + "# "
            + SECRET
            + " was default's\n"
            + "x = 1\n";
    assertEquals(
        "[default]\nregion = eu-west-1\n# keep me: " + ID + "\n[other]\nx = 1\n",
        remove(file, "default"));
  }

  @Test
  void drops_a_section_left_empty_with_its_header_and_blank_lines() {
    String file =
        "[a]\nx = 1\n\n[dev]\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n\n[b]\ny = 2\n";
    assertEquals("[a]\nx = 1\n\n[b]\ny = 2\n", remove(file, "dev"));
  }

  @Test
  void keeps_the_comments_of_a_section_left_empty_but_drops_its_header() {
    String file =
        "[a]\nx = 1\n\n[dev] ; personal\n# rotate yearly\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n\n[b]\ny = 2\n";
    assertEquals("[a]\nx = 1\n\n# rotate yearly\n\n[b]\ny = 2\n", remove(file, "dev"));
  }

  @Test
  void removes_the_last_section_leaving_the_lines_before_it_as_they_were() {
    String file =
        "[a]\nx = 1\n\n[dev]\naws_access_key_id=" + ID + "\naws_secret_access_key=" + SECRET + "\n";
    assertEquals("[a]\nx = 1\n\n", remove(file, "dev"));
  }

  @Test
  void tolerates_odd_spacing_tabs_and_upper_case_keys() {
    String file =
        "[ dev ]\n"
            + "AWS_ACCESS_KEY_ID="
            + ID
            + "\n"
            + "aws_secret_access_key  =  "
            + SECRET
            + "  \n"
            + "Aws_Session_Token\t=\t\n"
            + "output =  json \n";
    assertEquals("[ dev ]\noutput =  json \n", remove(file, "dev"));
  }

  @Test
  void removes_an_indented_line_with_the_key_it_continues_as_the_aws_cli_reads_it() {
    String file =
        "[dev]\naws_access_key_id = "
            + ID
            + "\n  aws_secret_access_key = "
            + SECRET
            + "\nregion = us-east-1\n";
    assertEquals("[dev]\nregion = us-east-1\n", remove(file, "dev"));
  }

  @Test
  void keeps_crlf_line_endings() {
    String file =
        "[a]\r\nx = 1\r\n[dev]\r\naws_access_key_id = "
            + ID
            + "\r\naws_secret_access_key = "
            + SECRET
            + "\r\nregion = us-east-1\r\n";
    assertEquals("[a]\r\nx = 1\r\n[dev]\r\nregion = us-east-1\r\n", remove(file, "dev"));
  }

  @Test
  void adds_no_newline_to_a_file_without_one() {
    String file =
        "[dev]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n[b]\ny = 2";
    assertEquals("[b]\ny = 2", remove(file, "dev"));
  }

  @Test
  void removes_a_last_key_line_that_has_no_newline_and_touches_no_other_byte() {
    String file =
        "[dev]\nregion = x\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET;
    assertEquals("[dev]\nregion = x\n", remove(file, "dev"));
  }

  @Test
  void leaves_a_profile_whose_name_starts_with_the_removed_one() {
    String file =
        "[dev-admin]\naws_access_key_id = AKIADEVADMINEXAMPLE1\naws_secret_access_key = s1\n"
            + "[dev]\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n"
            + "[dev.old]\naws_access_key_id = AKIADEVOLDEXAMPLE123\naws_secret_access_key = s2\n";
    assertEquals(
        "[dev-admin]\naws_access_key_id = AKIADEVADMINEXAMPLE1\naws_secret_access_key = s1\n"
            + "[dev.old]\naws_access_key_id = AKIADEVOLDEXAMPLE123\naws_secret_access_key = s2\n",
        remove(file, "dev"));
  }

  @Test
  void removes_the_default_section_before_other_profiles() {
    String file =
        "[default]\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n\n[prod]\naws_access_key_id = AKIAPRODPRODEXAMPLE1\naws_secret_access_key = p\n";
    assertEquals(
        "[prod]\naws_access_key_id = AKIAPRODPRODEXAMPLE1\naws_secret_access_key = p\n",
        remove(file, "default"));
  }

  @Test
  void removes_the_keys_from_every_section_of_a_duplicated_profile() {
    // Duplicate sections merge: keys left in the first one would still be read.
    String file =
        "[dev]\naws_access_key_id = AKIAOLDOLDOLDEXAMPLE\nregion = eu-west-1\n"
            + "[b]\ny = 2\n"
            + "[dev]\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n";
    assertEquals("[dev]\nregion = eu-west-1\n[b]\ny = 2\n", remove(file, "dev"));
  }

  @Test
  void removes_a_session_token_with_the_keys() {
    String file =
        "[tmp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
            + SECRET
            + "\naws_session_token = FwoGZXIvYXdzEBYaD\n  continuedToken\nregion = x\n";
    assertEquals("[tmp]\nregion = x\n", remove(file, "tmp"));
  }

  @Test
  void keeps_the_header_over_a_line_the_aws_parser_ignores_so_the_file_stays_readable() {
    // Without its header, "in valid = x" would stand before any section: an error for the SDKs.
    String file =
        "[dev]\nin valid = x\naws_access_key_id = "
            + ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n";
    assertEquals("[dev]\nin valid = x\n", remove(file, "dev"));
  }

  @Test
  void leaves_a_profile_without_keys_unchanged() {
    String file = "[dev]\nregion = x\n";
    assertEquals(file, remove(file, "dev"));
  }

  @Test
  void refuses_an_unknown_profile_listing_names_but_no_values() {
    String file = "[a]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n";
    KeyshellException e = assertThrows(KeyshellException.class, () -> remove(file, "nope"));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    assertEquals("profiles with keys: a", e.hint());
    assertFalse((e.getMessage() + e.hint()).contains(ID));
  }

  @Test
  void keeps_a_leading_byte_order_mark_and_non_ascii_comments() {
    byte[] file =
        ("\uFEFF# clé de Zoë\n[dev]\naws_access_key_id = "
                + ID
                + "\naws_secret_access_key = "
                + SECRET
                + "\n[b]\ny = 2\n")
            .getBytes(UTF_8);
    byte[] out = new CredentialsFile(Path.of("credentials"), file).withoutKeys("dev");
    assertArrayEquals("\uFEFF# clé de Zoë\n[b]\ny = 2\n".getBytes(UTF_8), out);
  }
}
