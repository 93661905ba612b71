package dev.keyshell.vault;

import dev.keyshell.tty.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The person at the terminal, answering secrets from a script; an unexpected question fails. */
final class ScriptedPrompter implements Prompter {
  final List<String> asked = new ArrayList<>();
  final List<String> said = new ArrayList<>();
  private final boolean interactive;
  private final Deque<String> secrets;

  private ScriptedPrompter(boolean interactive, List<String> secrets) {
    this.interactive = interactive;
    this.secrets = new ArrayDeque<>(secrets);
  }

  /** No terminal at all. */
  static ScriptedPrompter noTerminal() {
    return new ScriptedPrompter(false, List.of());
  }

  /** A terminal whose person types these secrets, in order. */
  static ScriptedPrompter typing(String... secrets) {
    return new ScriptedPrompter(true, List.of(secrets));
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public int choose(String question, List<String> options, int preselected) {
    throw new AssertionError("unexpected menu: " + question);
  }

  @Override
  public String ask(String question, String defaultValue) {
    throw new AssertionError("unexpected question: " + question);
  }

  @Override
  public char[] askSecret(String question) {
    asked.add(question);
    if (secrets.isEmpty()) {
      throw new AssertionError("unexpected secret question: " + question);
    }
    return secrets.removeFirst().toCharArray();
  }

  @Override
  public void say(String line) {
    said.add(line);
  }
}
