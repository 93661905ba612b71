package dev.keyshell.tty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an arrow-key menu shows: the options matching the typed filter (case-insensitive, every word
 * of it somewhere in the option), and which of them the cursor is on. No terminal here.
 */
final class MenuState {
  private final List<String> options;
  private final StringBuilder filter = new StringBuilder();
  private List<Integer> visible;
  private int cursor;

  MenuState(List<String> options, int preselected) {
    this.options = List.copyOf(options);
    this.visible = matching();
    this.cursor = Math.max(0, Math.min(preselected, options.size() - 1));
  }

  String filter() {
    return filter.toString();
  }

  /** Indexes (into the options) of the options shown, in order. */
  List<Integer> visible() {
    return visible;
  }

  /** Position of the cursor within {@link #visible()}. */
  int cursor() {
    return cursor;
  }

  /** The option under the cursor, if any matches the filter. */
  Optional<Integer> selected() {
    return visible.isEmpty() ? Optional.empty() : Optional.of(visible.get(cursor));
  }

  void up() {
    if (!visible.isEmpty()) {
      cursor = (cursor - 1 + visible.size()) % visible.size();
    }
  }

  void down() {
    if (!visible.isEmpty()) {
      cursor = (cursor + 1) % visible.size();
    }
  }

  void type(char c) {
    filter.append(c);
    refilter();
  }

  void backspace() {
    if (filter.length() > 0) {
      filter.setLength(filter.length() - 1);
      refilter();
    }
  }

  void clearFilter() {
    filter.setLength(0);
    refilter();
  }

  private void refilter() {
    Optional<Integer> was = selected();
    visible = matching();
    cursor = was.map(visible::indexOf).filter(i -> i >= 0).orElse(0);
  }

  private List<Integer> matching() {
    String[] words = filter.toString().toLowerCase(Locale.ROOT).trim().split("\\s+");
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i).toLowerCase(Locale.ROOT);
      boolean all = true;
      for (String w : words) {
        all &= option.contains(w);
      }
      if (all) {
        out.add(i);
      }
    }
    return out;
  }
}
