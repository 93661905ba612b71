package dev.keyshell.store.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.store.OnePasswordFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpErrorsTest {

  /** Recorded stderr (file names) and constructed ones, each to its one-line reason and hint. */
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "file:op-cli__whoami-signed-out.stderr.txt | the 1Password CLI is not signed in | op signin",
        "file:op-cli__item-get-not-found.stderr.txt | 1Password item 'X' not found | op item list",
        "file:op-cli__item-get-duplicate-titles.stderr.txt | more than one 1Password item matches 'X': 'Delete Me' in vault Test Data (id vwyt5in4gempt67i7d2mpao6c4), 'Delete Me' in vault Test Data (id dmm2ybtxxjlxtv23puevxw5ydy) | its id",
        "[ERROR] 2024/01/02 03:04:05 You are not currently signed in. Please run `op signin --help` for instructions | the 1Password CLI is not signed in | op signin",
        "[ERROR] 2024/01/02 03:04:05 authorization prompt dismissed, please try again | the 1Password app did not authorize op (locked, or the prompt was dismissed) | Integrate with 1Password CLI",
        "[ERROR] 2024/01/02 03:04:05 error initializing client: connecting to desktop app: read: connection reset | the 1Password app did not authorize op (locked, or the prompt was dismissed) | Integrate with 1Password CLI",
        "[ERROR] 2024/01/02 03:04:05 \"Nope\" isn't a vault in this account. Specify the vault with its ID or name. | 1Password vault not found (\"Nope\" isn't a vault in this account. Specify the vault with its ID or name.) | op vault list",
        "[ERROR] 2024/01/02 03:04:05 unknown flag: --frobnicate | op failed: unknown flag: --frobnicate | op whoami",
        "'' | op failed: no error message | op whoami",
      })
  void maps_op_errors_to_one_line_reasons_with_hints(String stderr, String message, String hint) {
    String text =
        stderr.startsWith("file:") ? OnePasswordFixtures.text(stderr.substring(5)) : stderr;

    KeyshellException e = OpErrors.from(text, "'X'");

    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.hint().contains(hint), e.hint());
  }
}
