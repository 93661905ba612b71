package dev.keyshell.store.op;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what {@code op} printed on stderr ({@code [ERROR] YYYY/MM/DD hh:mm:ss <message>}) into a
 * one-line reason and a hint.
 */
final class OpErrors {
  static final String INSTALL_HINT =
      "install the 1Password CLI v2: https://developer.1password.com/docs/cli/get-started/";
  static final String SIGNIN_HINT =
      "run: op signin (or unlock the 1Password app and turn on Settings > Developer >"
          + " Integrate with 1Password CLI), then try again";
  private static final Pattern PREFIX =
      Pattern.compile("^\\[ERROR\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ");
  private static final Pattern CANDIDATE =
      Pattern.compile("\\*\\s*for the item \"(.*)\" in vault (.*): (\\S+)\\s*$");

  private OpErrors() {}

  /** The error for a failed {@code op} run; {@code subject} names what was asked, e.g. an item. */
  static KeyshellException from(String stderr, String subject) {
    String message = message(stderr);
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("more than one item matches")) {
      return new KeyshellException(
          "more than one 1Password item matches " + subject + ": " + candidates(stderr),
          "name the item by its id (the last value of each match)");
    }
    if (lower.contains("isn't a vault") || lower.contains("vault not found")) {
      return new KeyshellException(
          "1Password vault not found (" + message + ")", "list your vaults with: op vault list");
    }
    if (lower.contains("isn't an item") || lower.contains("item not found")) {
      return new KeyshellException(
          "1Password item " + subject + " not found",
          "check the title or id with: op item list (or pass --vault)");
    }
    if (lower.contains("not signed in")
        || lower.contains("not currently signed in")
        || lower.contains("session expired")
        || lower.contains("you are not signed in")) {
      return new KeyshellException("the 1Password CLI is not signed in", SIGNIN_HINT);
    }
    if (lower.contains("authorization")
        || lower.contains("desktop app")
        || lower.contains("locked")) {
      return new KeyshellException(
          "the 1Password app did not authorize op (locked, or the prompt was dismissed)",
          "unlock 1Password and approve the prompt; check Settings > Developer >"
              + " Integrate with 1Password CLI");
    }
    return new KeyshellException(
        "op failed: " + (message.isEmpty() ? "no error message" : message),
        "check the CLI with: op whoami");
  }

  /** The first line of op's message, without the {@code [ERROR] date time} prefix. */
  static String message(String stderr) {
    String first = stderr.strip().lines().findFirst().orElse("").strip();
    return Display.text(PREFIX.matcher(first).replaceFirst("").strip());
  }

  private static String candidates(String stderr) {
    List<String> found = new ArrayList<>();
    for (String line : stderr.lines().toList()) {
      Matcher m = CANDIDATE.matcher(line.strip());
      if (m.find()) {
        found.add(
            "'"
                + Display.text(m.group(1))
                + "' in vault "
                + Display.text(m.group(2))
                + " (id "
                + Display.text(m.group(3))
                + ")");
      }
    }
    return found.isEmpty() ? "(op listed none)" : String.join(", ", found);
  }
}
