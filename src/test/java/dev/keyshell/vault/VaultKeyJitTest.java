package dev.keyshell.vault;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyshell.core.FullJitNeeded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VaultKeyJitTest {

  @AfterEach
  void clear() {
    System.clearProperty(FullJitNeeded.PROPERTY);
  }

  @Test
  void deriving_a_key_in_a_c1_only_jvm_asks_for_a_full_jit_instead() {
    System.setProperty(FullJitNeeded.PROPERTY, "c1");
    assertThrows(
        FullJitNeeded.class,
        () -> VaultKey.derive("passphrase".toCharArray(), new byte[16], TestVaults.ITERATIONS));
  }
}
