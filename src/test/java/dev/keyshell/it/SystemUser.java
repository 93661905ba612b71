package dev.keyshell.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second (or third) account on this machine, for the attacks of one user on another: created with
 * {@code useradd} when missing (the black-box tests run as root), its commands run through {@code
 * setpriv} so the environment stays exactly the sandbox's.
 */
record SystemUser(String name, int uid, int gid) {

  static SystemUser ensure(String name) throws IOException, InterruptedException {
    assumeTrue("0".equals(run(List.of("id", "-u")).strip()), "needs root to create a second user");
    if (run(List.of("id", "-u", name)).isBlank()) {
      run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
    }
    int uid = Integer.parseInt(run(List.of("id", "-u", name)).strip());
    int gid = Integer.parseInt(run(List.of("id", "-g", name)).strip());
    return new SystemUser(name, uid, gid);
  }

  /** The command prefix that runs as this user, keeping the environment as it is. */
  List<String> prefix() {
    return List.of(
        "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--inh-caps=-all", "--");
  }

  /** Gives {@code path} and everything below it to this user. */
  void own(Path path) throws IOException, InterruptedException {
    run(List.of("chown", "-R", uid + ":" + gid, path.toString()));
  }

  /** Makes {@code box} run every command as this user, in a home that is this user's. */
  void runs(Sandbox box) throws IOException, InterruptedException {
    // The JUnit temporary directory is root's and 0700: this user must reach its sandbox in it.
    for (Path p = box.root; p != null && !p.equals(Path.of("/tmp")); p = p.getParent()) {
      run(List.of("chmod", "o+x", p.toString()));
    }
    own(box.root);
    box.prefix.clear();
    box.prefix.addAll(prefix());
  }

  /** Runs {@code command} as this user; its stdout and stderr, whatever its exit code. */
  String as(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(prefix());
    cmd.addAll(List.of(command));
    return output(cmd, false);
  }

  /** The output of {@code cmd}, empty when it fails. */
  static String run(List<String> cmd) throws IOException, InterruptedException {
    return output(cmd, true);
  }

  private static String output(List<String> cmd, boolean emptyOnFailure)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "";
    }
    return emptyOnFailure && p.exitValue() != 0 ? "" : new String(out, StandardCharsets.UTF_8);
  }
}
