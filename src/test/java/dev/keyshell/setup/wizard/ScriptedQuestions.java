package dev.keyshell.setup.wizard;

import dev.keyshell.tty.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The person at the terminal answering from a script; every question and line is recorded. */
final class ScriptedQuestions implements Prompter {
  final List<String> transcript = new ArrayList<>();
  private final Deque<String> answers;

  ScriptedQuestions(String... answers) {
    this.answers = new ArrayDeque<>(List.of(answers));
  }

  @Override
  public boolean interactive() {
    return true;
  }

  /** Answers a menu with the first option that contains the scripted text. */
  @Override
  public int choose(String question, List<String> options, int preselected) {
    transcript.add("? " + question + " " + options + " preselected=" + preselected);
    String a = next(question);
    if (a.isEmpty()) {
      return preselected;
    }
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).contains(a)) {
        return i;
      }
    }
    throw new AssertionError("no option contains '" + a + "': " + options);
  }

  @Override
  public String ask(String question, String defaultValue) {
    transcript.add("? " + question + " [" + defaultValue + "]");
    String a = next(question);
    return a.isEmpty() ? defaultValue : a;
  }

  @Override
  public char[] askSecret(String question) {
    transcript.add("? " + question + " (hidden)");
    return next(question).toCharArray();
  }

  @Override
  public boolean confirm(String question, boolean defaultYes) {
    transcript.add("? " + question + " default=" + (defaultYes ? "y" : "n"));
    String a = next(question);
    return a.isEmpty() ? defaultYes : a.startsWith("y");
  }

  @Override
  public void say(String line) {
    transcript.add(line);
  }

  private String next(String question) {
    if (answers.isEmpty()) {
      throw new AssertionError("unexpected question: " + question + "\n" + transcript);
    }
    return answers.removeFirst();
  }

  boolean finished() {
    return answers.isEmpty();
  }
}
