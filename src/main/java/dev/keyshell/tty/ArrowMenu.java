package dev.keyshell.tty;

import java.util.ArrayList;
import java.util.List;

/**
 * A menu driven by the arrow keys with type-to-filter, drawn with a few ANSI sequences on the
 * terminal; once answered it collapses to one line, the question and the choice.
 */
final class ArrowMenu {
  static final int MAX_ROWS = 10;
  private static final int CTRL_C = 3;
  private static final int CTRL_D = 4;
  private static final int CTRL_U = 21;
  private static final int ESC = 27;
  private static final int BACKSPACE = 127;

  private final Terminal tty;

  ArrowMenu(Terminal tty) {
    this.tty = tty;
  }

  int choose(String question, List<String> options, int preselected) {
    MenuState state = new MenuState(options, preselected);
    int width = tty.width();
    int drawn = 0;
    tty.print("\033[?25l"); // hide the cursor while the menu is up
    try (Terminal.Keys keys = tty.keys()) {
      while (true) {
        drawn = draw(render(question, options, state, width), drawn);
        int k = keys.read();
        if (k == CTRL_C || k == CTRL_D || k < 0) {
          draw(List.of(trim("? " + question + " ^C", width)), drawn);
          tty.print("\n");
          throw new Cancelled();
        } else if (k == '\r' || k == '\n') {
          if (state.selected().isPresent()) {
            int chosen = state.selected().get();
            draw(answered(question, answer(options.get(chosen)), width), drawn);
            tty.print("\n");
            return chosen;
          }
        } else if (k == ESC) {
          arrow(keys, state);
        } else if (k == BACKSPACE || k == 8) {
          state.backspace();
        } else if (k == CTRL_U) {
          state.clearFilter();
        } else if (k >= 32) {
          state.type(decode(keys, k));
        }
      }
    } finally {
      tty.print("\033[?25h");
    }
  }

  private static void arrow(Terminal.Keys keys, MenuState state) {
    int k = keys.read();
    if (k != '[' && k != 'O') {
      return;
    }
    switch (keys.read()) {
      case 'A' -> state.up();
      case 'B' -> state.down();
      default -> {
        // other keys (Home, End, left, right) do nothing here
      }
    }
  }

  // A character typed as several UTF-8 bytes.
  private static char decode(Terminal.Keys keys, int first) {
    if (first < 0x80) {
      return (char) first;
    }
    int more = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1;
    byte[] bytes = new byte[more + 1];
    bytes[0] = (byte) first;
    for (int i = 1; i <= more; i++) {
      bytes[i] = (byte) keys.read();
    }
    String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    return s.isEmpty() ? '?' : s.charAt(0);
  }

  /** The lines of the menu: the question with the filter typed so far, then the options. */
  static List<String> render(String question, List<String> options, MenuState state, int width) {
    List<String> lines = new ArrayList<>();
    String head = "? " + question + " ";
    lines.add(
        trim(
            head + (state.filter().isEmpty() ? "[↑↓ to move, type to filter]" : state.filter()),
            width));
    List<Integer> visible = state.visible();
    if (visible.isEmpty()) {
      lines.add(trim("  (nothing matches '" + state.filter() + "'; Backspace to edit)", width));
      return lines;
    }
    int first = Math.max(0, Math.min(state.cursor() - MAX_ROWS / 2, visible.size() - MAX_ROWS));
    int last = Math.min(visible.size(), first + MAX_ROWS);
    for (int i = first; i < last; i++) {
      String mark = i == state.cursor() ? "> " : "  ";
      lines.add(trim(mark + options.get(visible.get(i)), width));
    }
    if (visible.size() > MAX_ROWS) {
      lines.add(trim("  (" + visible.size() + " in all; type to narrow)", width));
    }
    return lines;
  }

  /** The question and its answer, on one line where it fits, else on two. */
  static List<String> answered(String question, String answer, int width) {
    String line = "? " + question + " " + answer;
    return line.codePointCount(0, line.length()) < width
        ? List.of(line)
        : List.of(trim("? " + question, width), trim("  " + answer, width));
  }

  /** The chosen option as the answer line shows it: without its trailing "(...)" detail. */
  static String answer(String option) {
    return option.endsWith(")") && option.lastIndexOf(" (") > 0
        ? option.substring(0, option.lastIndexOf(" ("))
        : option;
  }

  // Redraws over the previous drawing; returns how many lines are on screen now.
  private int draw(List<String> lines, int previous) {
    StringBuilder s = new StringBuilder();
    if (previous > 0) {
      s.append('\r');
      if (previous > 1) {
        s.append("\033[").append(previous - 1).append('A');
      }
      s.append("\033[J");
    }
    s.append(String.join("\r\n", lines));
    tty.print(s.toString());
    return lines.size();
  }

  // One screen line each: a wrapped line would throw the redraw off.
  private static String trim(String line, int width) {
    int max = width - 1;
    if (line.codePointCount(0, line.length()) <= max) {
      return line;
    }
    int end = line.offsetByCodePoints(0, max - 1);
    return line.substring(0, end) + "…";
  }
}
