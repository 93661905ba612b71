package dev.keyshell.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.CachedSession;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.entry.FastExport;
import dev.keyshell.entry.FastRun;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.provision.WarmKey;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A warm {@code aws} in a throwaway home, for bin/keyshell to record the classes it loads into an
 * application class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}): a sealed session is
 * cached for a made-up scope, then {@code plugin run -- aws} is served from it with {@code true} as
 * the child. Then the cold path's heavy parts (Jackson, the SDK's profile files, an STS
 * GetSessionToken answered in-process) so a cache miss starts faster too. Touches nothing outside
 * its temporary directory and the loopback interface; exits 0 when the warm path was hit and the
 * STS call succeeded.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * {@code --warm-only} trains the warm path alone: Java 25's AOT cache maps everything it holds at
   * start, so the cold path's classes would cost every warm start about 30 ms.
   */
  public static void main(String[] args) throws IOException {
    Path root = Files.createTempDirectory("keyshell-cds");
    boolean warmOnly = args.length > 0 && args[0].equals("--warm-only");
    int code;
    try {
      code = run(root, warmOnly);
    } finally {
      delete(root);
    }
    // Only now: System.exit inside the try would skip the finally and leave the directory behind.
    System.exit(code);
  }

  /** Serves one warm {@code aws} under {@code root}; returns its exit code (0: a warm hit). */
  static int run(Path root) throws IOException {
    return run(root, false);
  }

  static int run(Path root, boolean warmOnly) throws IOException {
    Path home = Files.createDirectories(root.resolve("home"));
    Path runtime = root.resolve("run");
    SecureFiles.ensurePrivateDir(runtime);
    Env env =
        new Env(
            Map.of(
                "HOME",
                home.toString(),
                "PATH",
                "/usr/bin:/bin",
                "XDG_RUNTIME_DIR",
                runtime.toString(),
                "KEYSHELL_NO_TTY",
                "1"),
            home,
            home);
    Dirs dirs = Dirs.of(env);
    Path scope = dirs.globalScope("aws");
    SecureFiles.ensurePrivateDir(scope.getParent());
    byte[] bytes = "{\"credentials\":[]}".getBytes(StandardCharsets.UTF_8);
    SecureFiles.writeAtomically(scope, bytes);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all("aws");
    SessionCredentials made =
        new SessionCredentials(
            "ASIATRAINING0000000",
            "training-only-not-a-secret",
            "training-only-not-a-token",
            Instant.now().plus(Duration.ofHours(1)));
    new SessionCache(dirs.cache(), "warm", new CacheKey(dirs.runtime()))
        .put(WarmKey.of(env, "default", found), new CachedSession(made, Optional.of("eu-west-1")));

    // The child must be called aws to be served; true stands in for it.
    Path aws = root.resolve("aws");
    for (String t : List.of("/bin/true", "/usr/bin/true")) {
      if (Files.isExecutable(Path.of(t))) {
        Files.createSymbolicLink(aws, Path.of(t));
        break;
      }
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true);
    String[] argv = {"plugin", "run", "--", aws.toString(), "sts", "get-caller-identity"};
    int warm = FastRun.run(argv, env, System.in, quiet, quiet);
    if (!FastExport.tryWarm(new String[] {"export", "--format", "json"}, env, quiet)) {
      warm = 1; // credential_process's warm path: served from the same session
    }
    return warm != 0 || warmOnly ? warm : cold(env, home);
  }

  /** The heavy classes of a cache miss: scope JSON, profile chain, an STS client and call. */
  private static int cold(Env env, Path home) throws IOException {
    ScopeFile.parse(
        ScopeFile.render(
            List.of(
                CredentialRef.aws(
                    new ItemRef(StoreKind.LOCAL, "", "local", "training"), "t", "v", null))),
        home);
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/config"), "[default]\nregion = eu-west-1\n");
    ProfileChainResolver resolver = ProfileChainResolver.load(AwsConfigFiles.of(env));
    ProfileChain chain = resolver.resolve("default");
    HttpServer sts =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sts.createContext("/", CdsTraining::answer);
    sts.start();
    try {
      StsSettings settings =
          StsSettings.of(env, resolver.profileFile(), chain)
              .withEndpointOverride(
                  URI.create("http://127.0.0.1:" + sts.getAddress().getPort() + "/"));
      try (StsMinter minter = new StsMinter(settings, new TrainingCodes(), Clock.systemUTC())) {
        AwsKeys keys =
            new AwsKeys(
                "AKIATRAINING0000000",
                "training-only-not-a-secret",
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        minter.getSessionToken(keys, Optional.empty(), 900);
        return 0;
      }
    } catch (RuntimeException e) {
      return 1;
    } finally {
      sts.stop(0);
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] body = GET_SESSION_TOKEN.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static final String GET_SESSION_TOKEN =
      "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<GetSessionTokenResult><Credentials>"
          + "<SessionToken>training</SessionToken>"
          + "<SecretAccessKey>training</SecretAccessKey>"
          + "<Expiration>2030-01-01T00:00:00Z</Expiration>"
          + "<AccessKeyId>ASIATRAINING0000000</AccessKeyId>"
          + "</Credentials></GetSessionTokenResult>"
          + "<ResponseMetadata><RequestId>training</RequestId></ResponseMetadata>"
          + "</GetSessionTokenResponse>";

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** No MFA device in training: no code is ever asked for. */
  private static final class TrainingCodes implements MfaCodeSource {
    @Override
    public String code(String serial) {
      return "000000";
    }

    @Override
    public void sent(String serial, boolean reached) {}
  }
}
