package dev.keyshell.core;

/** Questions to the person at the terminal; tests answer them from a script. */
public interface Prompter {

  /** Whether there is a person to ask (a terminal). */
  boolean interactive();

  /** Asks for a line of text; {@code defaultValue} (may be null) when the answer is empty. */
  String ask(String question, String defaultValue);

  /** Asks for a secret without echoing it. The caller clears the array. */
  char[] askSecret(String question);

  /** A line of progress or advice for the person, on stderr. */
  void say(String line);
}
