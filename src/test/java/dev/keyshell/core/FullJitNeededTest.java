package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FullJitNeededTest {

  @AfterEach
  void clear() {
    System.clearProperty(FullJitNeeded.PROPERTY);
  }

  @Test
  void the_kdf_is_refused_in_a_jvm_the_launcher_limited_to_c1() {
    System.setProperty(FullJitNeeded.PROPERTY, "c1");
    assertThrows(FullJitNeeded.class, FullJitNeeded::checkBeforeKdf);
  }

  @Test
  void the_kdf_runs_in_a_jvm_with_both_compilers() {
    assertDoesNotThrow(FullJitNeeded::checkBeforeKdf);
    System.setProperty(FullJitNeeded.PROPERTY, "full");
    assertDoesNotThrow(FullJitNeeded::checkBeforeKdf);
  }
}
