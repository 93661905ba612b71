package dev.keyshell.scope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustTest {
  @TempDir Path tmp;

  private Trust trust() {
    return new Trust(
        new Dirs(tmp.resolve("config"), tmp.resolve("d"), tmp.resolve("c"), tmp.resolve("r")));
  }

  private static final byte[] EVIL = "{\"credentials\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void a_trusted_file_stays_trusted_until_it_changes_or_is_forgotten() throws Exception {
    Path file = tmp.resolve("p/.keyshell/plugins/aws.json");
    trust().trust(file, EVIL);
    assertTrue(trust().isTrusted(file, EVIL));
    assertFalse(trust().isTrusted(file, "{}".getBytes(StandardCharsets.UTF_8)));
    trust().forget(file);
    assertFalse(trust().isTrusted(file, EVIL));
  }

  @Test
  void a_newline_in_a_path_cannot_add_an_entry_for_another_directory() throws Exception {
    Path evil = tmp.resolve("evil/.keyshell/plugins/aws.json");
    Path crafted =
        tmp.resolve("x\n" + Trust.sha256(EVIL) + " " + evil).resolve(".keyshell/plugins/aws.json");

    assertThrows(KeyshellException.class, () -> trust().trust(crafted, EVIL));
    assertFalse(trust().isTrusted(evil, EVIL));
  }

  @Test
  void paths_with_spaces_and_quotes_are_kept_apart() throws Exception {
    Path a = tmp.resolve("a b/.keyshell/plugins/aws.json");
    Path b = tmp.resolve("b/.keyshell/plugins/aws.json");
    trust().trust(a, EVIL);
    trust().trust(b, EVIL);
    trust().forget(b);
    assertTrue(trust().isTrusted(a, EVIL));
    assertFalse(trust().isTrusted(b, EVIL));
  }

  @Test
  void entries_of_the_first_format_are_not_trusted_and_are_replaced() throws Exception {
    Path evil = tmp.resolve("evil/.keyshell/plugins/aws.json");
    Path mine = tmp.resolve("mine/.keyshell/plugins/aws.json");
    Path file = tmp.resolve("config/trusted-directories");
    Files.createDirectories(file.getParent());
    // what `plugin trust "$HOME/x"$'\n'"<sha> /tmp/evil"` left in the first format
    Files.writeString(
        file, Trust.sha256(EVIL) + " " + tmp + "/x\n" + Trust.sha256(EVIL) + " " + evil + "\n");

    assertFalse(trust().isTrusted(evil, EVIL));
    trust().trust(mine, EVIL);
    assertTrue(trust().isTrusted(mine, EVIL));
    assertFalse(trust().isTrusted(evil, EVIL));
    assertFalse(Files.readString(file).contains(evil.toString()), "the old entries are gone");
  }
}
