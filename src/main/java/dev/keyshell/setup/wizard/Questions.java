package dev.keyshell.setup.wizard;

import java.util.List;

/** The wizard's questions to the person at the terminal; tests answer them from a script. */
public interface Questions {

  /** Whether there is a person to ask. */
  boolean interactive();

  /**
   * A menu: returns the index in {@code options} of the chosen one. {@code preselected} is where
   * the cursor starts (the recommended answer).
   */
  int choose(String question, List<String> options, int preselected);

  /** A line of text; {@code defaultValue} (may be null) when the answer is empty. */
  String ask(String question, String defaultValue);

  /** A secret, not echoed. The caller clears the array. */
  char[] askSecret(String question);

  /** A yes/no question. */
  boolean confirm(String question, boolean defaultYes);

  /** A line of explanation. */
  void say(String line);
}
