package dev.keyshell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServeLinesTest {
  @Test
  void posix_shells_get_export_lines_and_fish_gets_set_x() {
    String u = "http://127.0.0.1:1/p";
    assertEquals(
        "export AWS_CONTAINER_CREDENTIALS_FULL_URI='"
            + u
            + "'\n"
            + "export AWS_CONTAINER_AUTHORIZATION_TOKEN='t'\n",
        ServeLines.of("/bin/bash", u, "t"));
    assertEquals(ServeLines.of("/bin/bash", u, "t"), ServeLines.of("", u, "t"));
    assertEquals(
        "set -x AWS_CONTAINER_CREDENTIALS_FULL_URI '"
            + u
            + "'\n"
            + "set -x AWS_CONTAINER_AUTHORIZATION_TOKEN 't'\n",
        ServeLines.of("/usr/bin/fish", u, "t"));
  }
}
