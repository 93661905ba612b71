package dev.keyshell.tty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The menu for terminals that cannot move the cursor ({@code TERM=dumb}, some serial consoles):
 * numbered lines and a typed answer, a number or a few letters to narrow the list.
 */
final class NumberedMenu {
  private final Terminal tty;

  NumberedMenu(Terminal tty) {
    this.tty = tty;
  }

  int choose(String question, List<String> options, int preselected) {
    List<Integer> shown = allOf(options);
    while (true) {
      tty.print(question + "\n");
      for (int i = 0; i < shown.size(); i++) {
        tty.print(String.format(Locale.ROOT, "  %2d) %s%n", i + 1, options.get(shown.get(i))));
      }
      int def = Math.max(0, shown.indexOf(preselected));
      tty.print(
          "Choose 1-" + shown.size() + ", or type words to narrow the list [" + (def + 1) + "]: ");
      String answer = tty.answer().trim();
      if (answer.isEmpty()) {
        return shown.get(def);
      }
      if (answer.chars().allMatch(Character::isDigit)) {
        int n = Integer.parseInt(answer);
        if (n >= 1 && n <= shown.size()) {
          return shown.get(n - 1);
        }
        tty.print("There is no " + n + " in the list.\n");
        continue;
      }
      List<Integer> narrowed = matching(options, answer);
      if (narrowed.isEmpty()) {
        tty.print("Nothing matches '" + answer + "'.\n");
        shown = allOf(options);
      } else if (narrowed.size() == 1) {
        return narrowed.get(0);
      } else {
        shown = narrowed;
      }
    }
  }

  private static List<Integer> allOf(List<String> options) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      all.add(i);
    }
    return all;
  }

  private static List<Integer> matching(List<String> options, String words) {
    MenuState state = new MenuState(options, 0);
    for (char c : words.toCharArray()) {
      state.type(c);
    }
    return state.visible();
  }
}
