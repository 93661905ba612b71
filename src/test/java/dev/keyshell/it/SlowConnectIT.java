package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Connect server that sends its headers at once and then its body one byte a second (issue 11,
 * finding 6) held keyshell for ever: the request timeout covered the headers only. The exchange now
 * ends at one deadline, body included.
 */
class SlowConnectIT {
  @TempDir Path tmp;
  StsStandIn sts;
  ConnectStandIn connect;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    connect = new ConnectStandIn();
    box = new Sandbox(tmp);
    box.env.put("OP_CONNECT_HOST", connect.url());
    box.env.put("OP_CONNECT_TOKEN", ConnectStandIn.TOKEN);
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.config("[default]\nregion = eu-west-1\n");
    box.keyshell(
            null,
            "plugin",
            "init",
            "aws",
            "--store",
            "connect",
            "--item",
            ConnectStandIn.AWS_ITEM,
            "--yes")
        .ok();
  }

  @AfterEach
  void tearDown() {
    sts.close();
    connect.close();
  }

  @Test
  void a_body_trickled_one_byte_a_second_ends_within_the_deadline_with_one_line() {
    connect.trickle();
    long start = System.nanoTime();

    Sandbox.Result r = box.keyshell(null, "exec", "--", "true");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(1, r.exit(), r.toString());
    assertTrue(took.toSeconds() < 30, "took " + took.toSeconds() + " s (deadline 15 s)");
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertEquals(
        "keyshell: the Connect server at " + connect.url() + " did not answer within 15 s",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("hint: "), r.toString());
    assertEquals(List.of(), sts.calls(), "nothing minted");
  }
}
