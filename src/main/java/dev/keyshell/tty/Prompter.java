package dev.keyshell.tty;

import java.util.List;
import java.util.Locale;

/**
 * Questions to the person at the terminal, from the wizard and at run time (a vault passphrase, a
 * confirmation); tests answer them from a script.
 */
public interface Prompter {

  /** Whether there is a person to ask (a terminal). */
  boolean interactive();

  /**
   * A menu: returns the index in {@code options} of the chosen one. {@code preselected} is where
   * the cursor starts (the recommended answer).
   */
  int choose(String question, List<String> options, int preselected);

  /** Asks for a line of text; {@code defaultValue} (may be null) when the answer is empty. */
  String ask(String question, String defaultValue);

  /** Asks for a secret without echoing it. The caller clears the array. */
  char[] askSecret(String question);

  /** A line of progress or advice for the person. */
  void say(String line);

  /** A yes/no question, asked again until the answer is one of them. */
  default boolean confirm(String question, boolean defaultYes) {
    while (true) {
      String answer = ask(question + (defaultYes ? " (Y/n)" : " (y/N)"), null);
      if (answer == null) {
        return defaultYes;
      }
      String a = answer.toLowerCase(Locale.ROOT);
      if (a.equals("y") || a.equals("yes")) {
        return true;
      }
      if (a.equals("n") || a.equals("no")) {
        return false;
      }
      say("  Please answer y or n.");
    }
  }
}
