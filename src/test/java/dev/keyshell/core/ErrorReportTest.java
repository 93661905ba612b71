package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReportTest {
  private static String print(Throwable e, boolean debug, int expectedExit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(expectedExit, ErrorReport.of(e, debug).print(err));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_failure_is_its_message_and_hint_with_controls_shown() {
    String err = print(new KeyshellException("bad \u001b[31mthing", "do this"), false, 1);
    assertEquals("keyshell: bad \\x1b[31mthing\nhint: do this\n", err);
  }

  @Test
  void an_unexpected_error_names_its_type_and_asks_for_a_report() {
    String err = print(new IllegalStateException("secret-ish detail"), false, ExitCode.FAILURE);
    assertEquals(
        "keyshell: unexpected error (IllegalStateException)\n"
            + "hint: run again with --debug for details, and report it\n",
        err);
  }

  @Test
  void an_io_failure_names_the_file() {
    String err =
        print(new UncheckedIOException(new AccessDeniedException("/x/y")), false, ExitCode.FAILURE);
    assertTrue(err.startsWith("keyshell: ") && err.contains("/x/y"), err);
    assertFalse(err.contains("unexpected"), err);
  }

  @Test
  void debug_adds_the_stack_trace_after_the_hint() {
    String err = print(new IllegalStateException(), true, ExitCode.FAILURE);
    assertTrue(err.startsWith("keyshell: unexpected error (IllegalStateException)\nhint: "), err);
    assertTrue(err.contains("\tat dev.keyshell.core.ErrorReportTest"), err);
  }

  @Test
  void the_variable_or_the_flag_asks_for_debug() {
    Env none = new Env(Map.of(), Path.of("/h"), Path.of("/h"));
    Env set = new Env(Map.of("KEYSHELL_DEBUG", "1"), Path.of("/h"), Path.of("/h"));
    assertFalse(ErrorReport.debug(none, false));
    assertTrue(ErrorReport.debug(none, true));
    assertTrue(ErrorReport.debug(set, false));
  }
}
