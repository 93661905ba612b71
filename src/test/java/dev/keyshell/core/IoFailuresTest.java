package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class IoFailuresTest {

  @Test
  void names_the_file_and_the_reason() {
    KeyshellException e =
        IoFailures.describe(new FileSystemException("/x/aws.json", null, "No space left on device"))
            .orElseThrow();
    assertEquals(
        "cannot read or write a file: /x/aws.json: No space left on device", e.getMessage());
    assertTrue(e.hint().contains("free disk space"));
  }

  @Test
  void says_permission_denied_and_unwraps_unchecked() {
    KeyshellException e =
        IoFailures.describe(new UncheckedIOException(new AccessDeniedException("/x/vault.ksv")))
            .orElseThrow();
    assertEquals("cannot read or write a file: /x/vault.ksv: permission denied", e.getMessage());
  }

  @Test
  void leaves_other_failures_alone() {
    assertTrue(IoFailures.describe(new IllegalStateException("x")).isEmpty());
    assertEquals(
        "cannot read or write a file: disk gone",
        IoFailures.describe(new IOException("disk gone")).orElseThrow().getMessage());
  }
}
