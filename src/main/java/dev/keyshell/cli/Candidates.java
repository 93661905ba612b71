package dev.keyshell.cli;

import java.util.Iterator;
import java.util.List;

/**
 * The values completion offers for options with a fixed set of answers (picocli's {@code
 * completionCandidates}). Profiles are not fixed: the scripts ask {@code keyshell completion
 * --list-profiles} when the user presses Tab (see {@link CompletionCommand}).
 */
final class Candidates {
  private Candidates() {}

  static final class Scopes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("session", "directory", "global").iterator();
    }
  }

  static final class Stores implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("op", "connect", "local").iterator();
    }
  }

  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("env", "json").iterator();
    }
  }
}
