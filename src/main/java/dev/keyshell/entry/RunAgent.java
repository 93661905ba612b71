package dev.keyshell.entry;

import dev.keyshell.core.AsciiOutput;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.Posix;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.proc.ChildRunner;
import dev.keyshell.proc.Executables;
import dev.keyshell.proc.JavaProcess;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run agent: a warm hit that starts no JVM. A long-lived keyshell process of this user's,
 * started by the first warm hit a JVM served, answers {@code bin/keyshell}'s question "what would
 * {@code plugin run} run for this process?"; the launcher (sh) then sets the environment and {@code
 * exec}s the child itself. The decision is {@link FastRun#served}: {@link FastRun}'s own, on the
 * same files, read again for every request; the agent keeps nothing in memory between two.
 *
 * <p>It talks over FIFOs in {@code <runtime>/run}, a 0700 directory of this user's (the client
 * checks it with {@code test -O}): {@code q}, where a client writes one line, {@code run PID ARGC},
 * and {@code r.PID}, the client's own reply FIFO (mkfifo -m 600), which the agent removes once it
 * has answered. The request carries nothing else: the agent reads the client's argv (its last ARGC
 * words), environment and working directory from {@code /proc/PID}, after checking that process is
 * this user's. FIFOs carry no peer credentials: the directory's owner and mode, and the owner of
 * the process, stand in for {@code SO_PEERCRED}.
 *
 * <p>The answer is {@code keyshell-agent 1}, then either {@code miss} (the JVM runs, as without an
 * agent) or {@code skip N} (the child's argv is the client's from its N+1st word), {@code w LINE}
 * (a warning to print), {@code u NAME} (unset), {@code s NAME=VALUE} (export), and {@code end}.
 * Everything the child's environment must differ in is said; what the client's shell exports
 * otherwise is what {@link dev.keyshell.proc.ChildRunner} would have passed on too.
 *
 * <p>It stops when idle for {@link #IDLE_SECONDS}, after {@link #MAX_SECONDS}, on {@code keyshell
 * lock}, or when its jar or its FIFO changes. {@code KEYSHELL_AGENT=off} keeps it from starting and
 * from being asked.
 */
public final class RunAgent {
  static final long IDLE_SECONDS = 30 * 60;
  static final long MAX_SECONDS = 12 * 60 * 60;
  static final String HELLO = "keyshell-agent 1\n";
  static final String MISS = HELLO + "miss\nend\n";

  /** Well below a pipe's 64 KiB, so writing an answer nobody reads never blocks. */
  static final int MAX_ANSWER = 48 * 1024;

  private static final long TICK_MILLIS = 2_000;

  private final Path dir;
  private final String home;
  private final Path jar;
  private volatile long lastUse = System.nanoTime();
  private volatile boolean stopping;

  RunAgent(Path dir, String home) {
    this.dir = dir;
    this.home = home;
    this.jar = Path.of(home, "target", "keyshell.jar");
  }

  /** {@code <runtime>/run}. */
  static Path dir(Dirs dirs) {
    return dirs.runtime().resolve("run");
  }

  /** {@code RunAgent <dir> <keyshell home>}: started by {@link #startIfAbsent}, never by hand. */
  public static void main(String[] args) {
    int code;
    try {
      code = new RunAgent(Path.of(args[0]), args[1]).serve();
    } catch (IOException | RuntimeException e) {
      code = 1;
    }
    System.exit(code);
  }

  // ---- the JVM's side: start one, stop it ----

  /**
   * Starts the agent in the background unless one is running: after a warm hit this JVM served (the
   * next call needs no JVM). Only where the launcher can use it: started by {@code bin/keyshell},
   * {@code XDG_RUNTIME_DIR} set and holding the runtime directory, {@code /proc}.
   */
  static void startIfAbsent(Dirs dirs, Env env) {
    String launcher = System.getProperty("keyshell.launcher");
    Optional<String> runtime = env.get("XDG_RUNTIME_DIR");
    if (launcher == null
        || runtime.isEmpty()
        || "off".equals(env.vars().get("KEYSHELL_AGENT"))
        || !dirs.runtime().equals(Path.of(runtime.get()).resolve("keyshell"))
        || !Files.isReadable(Path.of("/proc/self/environ"))) {
      return;
    }
    Path dir = dir(dirs);
    try {
      if (running(dir)) {
        return;
      }
      Path home = Path.of(launcher).toAbsolutePath().getParent().getParent();
      List<String> command = JavaProcess.detached();
      command.addAll(List.of(RunAgent.class.getName(), dir.toString(), home.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dirs.runtime().toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      // It reads each client's environment from /proc; its own holds nothing it needs.
      pb.environment().clear();
      pb.start();
    } catch (IOException | RuntimeException e) {
      // the warm path works without it: this call is served already
    }
  }

  /** Whether the agent {@code dir/agent} names is alive. */
  private static boolean running(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("agent"), StandardCharsets.UTF_8);
      if (lines.size() < 2 || !Files.exists(dir.resolve("q"), LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Optional<ProcessHandle> agent = ProcessHandle.of(Long.parseLong(lines.get(1)));
      return agent.isPresent() && agent.get().isAlive();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code keyshell lock}: tells a running agent to stop; true if there was one to tell. */
  public static boolean stop(Dirs dirs) {
    Path q = dir(dirs).resolve("q");
    if (!running(dir(dirs)) || !PrivateDirs.ownFifo(q)) {
      return false;
    }
    // Read and write: opening a FIFO so never blocks, even if the agent died just now.
    try (FileChannel ch = FileChannel.open(q, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("stop\n".getBytes(StandardCharsets.US_ASCII)));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // ---- the agent ----

  int serve() throws IOException {
    FileTime built = Files.getLastModifiedTime(jar);
    PrivateDirs.ensure(dir);
    Optional<SecureFiles.Lock> lock = SecureFiles.tryLock(dir.resolve("lock"));
    if (lock.isEmpty()) {
      return 0; // another agent serves this user
    }
    try (SecureFiles.Lock held = lock.get()) {
      Path q = dir.resolve("q");
      sweep(true);
      Files.deleteIfExists(q);
      Path fresh = dir.resolve("q.new");
      Files.deleteIfExists(fresh);
      mkfifo(fresh);
      Files.move(fresh, q, StandardCopyOption.ATOMIC_MOVE);
      Object fifo = key(q);
      SecureFiles.writeAtomically(
          dir.resolve("agent"),
          (home + "\n" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
      Thread watch = new Thread(new Watch(q, fifo, built), "keyshell-run-agent-watch");
      watch.setDaemon(true);
      watch.start();
      try (FileChannel ch =
          FileChannel.open(q, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.US_ASCII));
        String line;
        while (!stopping && (line = in.readLine()) != null) {
          lastUse = System.nanoTime();
          if (line.equals("stop")) {
            break;
          }
          answer(line);
        }
      } finally {
        if (Objects.equals(key(q), fifo)) {
          Files.deleteIfExists(dir.resolve("agent"));
          Files.deleteIfExists(q);
        }
      }
    }
    return 0;
  }

  /** Stops the agent when it has nothing more to do, or must not go on. */
  private final class Watch implements Runnable {
    private final Path q;
    private final Object fifo;
    private final FileTime built;
    private final long started = System.nanoTime();

    Watch(Path q, Object fifo, FileTime built) {
      this.q = q;
      this.fifo = fifo;
      this.built = built;
    }

    @Override
    public void run() {
      while (true) {
        try {
          Thread.sleep(TICK_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        boolean done =
            now - lastUse > IDLE_SECONDS * 1_000_000_000L
                || now - started > MAX_SECONDS * 1_000_000_000L
                || !Objects.equals(key(q), fifo)
                || !built.equals(modified(jar));
        if (done) {
          stopping = true;
          if (Objects.equals(key(q), fifo)) {
            try {
              Files.deleteIfExists(dir.resolve("agent"));
              Files.deleteIfExists(q);
            } catch (IOException e) {
              // exiting anyway
            }
          }
          Runtime.getRuntime().halt(0);
        }
        sweep(false);
      }
    }
  }

  /** Removes reply FIFOs left by clients that died waiting (all of them at the start). */
  private void sweep(boolean all) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "r.*")) {
      for (Path entry : entries) {
        String pid = entry.getFileName().toString().substring(2);
        if (all || !digits(pid) || ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      // next time
    }
  }

  /** Answers one request line; a malformed one, or one for a reply FIFO not ours, gets nothing. */
  void answer(String line) {
    String[] f = line.split(" ");
    if (line.length() > 64
        || f.length != 3
        || !f[0].equals("run")
        || !digits(f[1])
        || !digits(f[2])) {
      return;
    }
    Path reply = dir.resolve("r." + f[1]);
    if (!PrivateDirs.ownFifo(reply)) {
      return;
    }
    String text;
    try {
      text = decide(Long.parseLong(f[1]), Integer.parseInt(f[2]));
    } catch (IOException | RuntimeException e) {
      text = MISS;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_ANSWER) {
      bytes = MISS.getBytes(StandardCharsets.UTF_8);
    }
    // Read and write: never blocks, even when the client is gone.
    try (FileChannel out =
        FileChannel.open(reply, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(bytes));
    } catch (IOException e) {
      // the client gave up
    }
    try {
      Files.deleteIfExists(reply);
    } catch (IOException e) {
      // swept later
    }
  }

  /** What process {@code pid}'s {@code bin/keyshell} should do, as the reply's text. */
  String decide(long pid, int argc) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    if (!Integer.valueOf(Posix.uid()).equals(Files.getAttribute(proc, "unix:uid"))) {
      return MISS; // not this user's process: nothing of theirs is read
    }
    List<String> cmdline = words(Files.readAllBytes(proc.resolve("cmdline")));
    Map<String, String> environ = environ(Files.readAllBytes(proc.resolve("environ")));
    Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
    if (environ == null || argc > cmdline.size() - 1 || !Files.isDirectory(cwd)) {
      return MISS;
    }
    String[] args = cmdline.subList(cmdline.size() - argc, cmdline.size()).toArray(new String[0]);
    // The environment keyshell's JVM would have had: bin/keyshell moves the Java options aside.
    Map<String, String> vars = new HashMap<>(environ);
    ChildRunner.saveJavaOptions(vars);
    Env env = Env.of(vars, cwd);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream warnings =
        AsciiOutput.forLocale(new PrintStream(said, true, StandardCharsets.UTF_8), env);
    FastRun.Launch launch = FastRun.served(args, env, warnings);
    if (launch == null) {
      return MISS;
    }
    int skip = argc - launch.argv.size();
    if (skip < 2 || !Arrays.asList(args).subList(skip, argc).equals(launch.argv)) {
      return MISS;
    }
    Map<String, String> child = new HashMap<>(launch.env);
    ChildRunner.restoreJavaOptions(child);
    StringBuilder r = new StringBuilder(HELLO).append("skip ").append(skip).append('\n');
    for (String warning : said.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!warning.isEmpty()) {
        if (Display.hasControls(warning)) {
          return MISS;
        }
        r.append("w ").append(warning).append('\n');
      }
    }
    for (String name : environ.keySet()) {
      if (!child.containsKey(name)) {
        if (!shellName(name)) {
          return MISS; // sh cannot unset it: the JVM runs the child
        }
        r.append("u ").append(name).append('\n');
      }
    }
    for (Map.Entry<String, String> e : child.entrySet()) {
      if (!e.getValue().equals(environ.get(e.getKey()))) {
        if (!shellName(e.getKey()) || e.getValue().indexOf('\n') >= 0) {
          return MISS;
        }
        r.append("s ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
    }
    return r.append("end\n").toString();
  }

  /** NUL-terminated words, as in /proc/PID/cmdline. */
  static List<String> words(byte[] bytes) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        out.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    if (from < bytes.length) {
      out.add(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * /proc/PID/environ as a map; null if a name repeats or an entry has no '=' (the JVM decides).
   */
  static Map<String, String> environ(byte[] bytes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : words(bytes)) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || out.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
        return null;
      }
    }
    return out;
  }

  static boolean shellName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_'
          || (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Object key(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return null;
    }
  }

  private static void mkfifo(Path p) throws IOException {
    Optional<Path> mkfifo = Executables.find("mkfifo", "/usr/bin:/bin");
    if (mkfifo.isEmpty()) {
      throw new IOException("no mkfifo");
    }
    ProcessResult made =
        new ProcessRunner()
            .run(
                List.of(mkfifo.get().toString(), "-m", "600", p.toString()),
                Map.of(),
                new byte[0],
                Duration.ofSeconds(5));
    if (!made.ok() || !PrivateDirs.ownFifo(p)) {
      throw new IOException("mkfifo " + p + " failed");
    }
  }
}
