package dev.keyshell.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FastExportTest {

  @Test
  void reads_the_plain_forms_of_export() {
    assertArrayEquals(new String[] {null, "env"}, FastExport.parse(new String[] {"export"}));
    assertArrayEquals(
        new String[] {"dev", "json"},
        FastExport.parse(new String[] {"export", "--profile", "dev", "--format", "json"}));
    assertArrayEquals(
        new String[] {"dev", "json"},
        FastExport.parse(new String[] {"export", "--format=json", "--profile=dev"}));
  }

  @Test
  void leaves_everything_else_to_the_full_command() {
    assertNull(FastExport.parse(new String[] {"export", "--help"}));
    assertNull(FastExport.parse(new String[] {"export", "--format", "yaml"}));
    assertNull(FastExport.parse(new String[] {"export", "--profile"}));
    assertNull(FastExport.parse(new String[] {"exec", "--", "true"}));
    assertNull(FastExport.parse(new String[] {"--debug", "export"}));
  }
}
