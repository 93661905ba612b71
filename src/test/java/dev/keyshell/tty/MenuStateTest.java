package dev.keyshell.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MenuStateTest {
  static final List<String> OPTIONS =
      List.of(
          "Use 'AWS prod' (vault Private)",
          "Import profile 'default' of ~/.aws/credentials (AKIA…MPLE)",
          "Import profile 'other' of ~/.aws/credentials (AKIA…0000)",
          "Search the local vault…");

  @Test
  void typing_keeps_the_options_holding_every_word_in_any_case() {
    MenuState m = new MenuState(OPTIONS, 0);
    for (char c : "IMPORT oth".toCharArray()) {
      m.type(c);
    }
    assertEquals(List.of(2), m.visible());
    assertEquals(Optional.of(2), m.selected());
  }

  @Test
  void the_arrows_wrap_around_the_visible_options() {
    MenuState m = new MenuState(OPTIONS, 0);
    m.up();
    assertEquals(Optional.of(3), m.selected());
    m.down();
    m.down();
    assertEquals(Optional.of(1), m.selected());
  }

  @Test
  void the_cursor_stays_on_its_option_when_the_filter_changes() {
    MenuState m = new MenuState(OPTIONS, 2);
    m.type('i');
    m.type('m');
    assertEquals(Optional.of(2), m.selected());
    m.clearFilter();
    assertEquals(Optional.of(2), m.selected());
  }

  @Test
  void nothing_is_selected_when_nothing_matches_and_backspace_brings_options_back() {
    MenuState m = new MenuState(OPTIONS, 0);
    m.type('z');
    assertEquals(Optional.empty(), m.selected());
    m.backspace();
    assertEquals(4, m.visible().size());
  }

  @Test
  void a_long_list_shows_a_window_around_the_cursor_and_says_how_many_there_are() {
    List<String> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "item " + i).toList();
    MenuState m = new MenuState(many, 20);
    List<String> lines = ArrowMenu.render("Pick:", many, m, 80);
    assertEquals("> item 20", lines.get(6));
    assertEquals("  (30 in all; type to narrow)", lines.get(lines.size() - 1));
  }

  @Test
  void the_answer_line_drops_the_detail_in_brackets_and_wraps_rather_than_overflow() {
    assertEquals("Use as global default", ArrowMenu.answer("Use as global default (recommended)"));
    assertEquals(
        List.of("? A question:", "  an answer"),
        ArrowMenu.answered("A question:", "an answer", 20));
  }
}
