package dev.keyshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcFileTest {
  static final String LINE = "source '/home/u/.config/keyshell/plugins.sh'";

  @TempDir Path tmp;

  @Test
  void appends_the_line_once_and_keeps_everything_else() throws Exception {
    Path bashrc = Files.writeString(tmp.resolve(".bashrc"), "alias ll='ls -l'");
    RcFile rc = new RcFile(bashrc);

    assertTrue(rc.append(LINE));
    assertFalse(rc.append(LINE), "never twice");

    assertEquals(
        "alias ll='ls -l'\n" + RcFile.COMMENT + "\n" + LINE + "\n", Files.readString(bashrc));
  }

  @Test
  void a_line_the_user_indented_themselves_counts_as_there() throws Exception {
    Path zshrc = Files.writeString(tmp.resolve(".zshrc"), "if true; then\n  " + LINE + "\nfi\n");
    assertTrue(new RcFile(zshrc).contains(LINE));
    assertFalse(new RcFile(zshrc).append(LINE));
  }

  @Test
  void creates_a_missing_rc_file_and_its_directory() throws Exception {
    Path fish = tmp.resolve(".config/fish/config.fish");
    assertTrue(new RcFile(fish).append(LINE));
    assertEquals(RcFile.COMMENT + "\n" + LINE + "\n", Files.readString(fish));
  }
}
