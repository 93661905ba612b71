package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.store.op.FakeOp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every external string keyshell shows (issue 11, finding 5): item titles, an untrusted scope
 * file's title, vault and profile, directory names, op's stderr, Connect's and STS's error text.
 * Each carries an OSC 52 clipboard write, a window title, a clear-screen and a fake prompt; none
 * reaches the terminal raw, and long texts are cut.
 */
class TerminalEscapesIT {
  static final String HOSTILE_ID = "h0st1l3t1tl3k3ysh3ll000000";

  @TempDir Path tmp;
  StsStandIn sts;
  ConnectStandIn connect;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    connect = new ConnectStandIn();
    box = new Sandbox(tmp.resolve("sandbox"));
    box.env.put("OP_CONNECT_HOST", connect.url());
    box.env.put("OP_CONNECT_TOKEN", ConnectStandIn.TOKEN);
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.config("[default]\nregion = eu-west-1\n");
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
    connect.close();
  }

  private static void harmless(Sandbox.Result r) {
    Hostile.assertNoRawControls(r.out());
    Hostile.assertNoRawControls(r.err());
  }

  /** Init selects the Connect item whose title is hostile; returns what init printed. */
  private Sandbox.Result initWithHostileTitle() {
    ObjectNode item = connect.item(ConnectStandIn.AWS_ITEM).deepCopy();
    connect.add(item.put("id", HOSTILE_ID).put("title", "AWS" + Hostile.ALL));
    return box.keyshell(
        null, "plugin", "init", "aws", "--store", "connect", "--item", HOSTILE_ID, "--yes");
  }

  @Test
  void an_item_title_from_connect_in_init_and_inspect() {
    Sandbox.Result init = initWithHostileTitle().ok();
    harmless(init);
    assertTrue(init.err().contains("'AWS\\x1b]52;c;"), init.toString());

    Sandbox.Result inspect = box.keyshell(null, "plugin", "inspect").ok();
    harmless(inspect);
    assertTrue(inspect.out().contains("'AWS\\x1b]52;c;"), inspect.toString());
  }

  @Test
  void an_untrusted_scope_files_title_vault_and_profile_in_inspect() throws Exception {
    initWithHostileTitle().ok();
    String esc =
        Hostile.ALL.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\r", "\\r");
    Path clone = Files.createDirectories(tmp.resolve("clone/.keyshell/plugins"));
    Files.writeString(
        clone.resolve("aws.json"),
        "{\"credentials\":[{\"plugin\":\"aws\",\"credential_type\":\"access_key\","
            + "\"store\":\"connect\",\"item_id\":\"x\",\"title\":\"t"
            + esc
            + "\","
            + "\"vault\":\"v"
            + esc
            + "\",\"profile\":\"p"
            + esc
            + "\"}]}");
    box.env.put("DIR", tmp.resolve("clone").toString());

    Sandbox.Result inspect =
        box.shell("bash", "cd \"$DIR\" && " + Sandbox.KEYSHELL + " plugin inspect").ok();

    harmless(inspect);
    assertTrue(inspect.out().contains("profile p\\x1b]52;c;"), inspect.toString());
    assertTrue(inspect.out().contains("\\x0d\\x1b[Kme@laptop"), inspect.toString());
    assertTrue(inspect.out().contains("in vault 'v\\x1b]52;"), inspect.toString());
  }

  @Test
  void a_directory_name_in_the_ignored_scope_warning() throws Exception {
    initWithHostileTitle().ok();
    Path clone = tmp.resolve("proj" + Hostile.ALL.replace("/", ""));
    Files.createDirectories(clone.resolve(".keyshell/plugins"));
    Files.copy(
        box.configDir().resolve("plugins/aws.json"), clone.resolve(".keyshell/plugins/aws.json"));
    box.env.put("DIR", clone.toString());

    Sandbox.Result exec =
        box.shell("bash", "cd \"$DIR\" && " + Sandbox.KEYSHELL + " exec -- true").ok();

    harmless(exec);
    assertTrue(exec.err().contains("keyshell: ignoring " + tmp + "/proj\\x1b]52;c;"), exec.err());
    assertTrue(
        exec.err().contains("hint: its directory's name holds control characters"), exec.err());
  }

  @Test
  void connect_error_text_is_made_visible_and_cut() {
    initWithHostileTitle().ok();
    connect.failWith(403, "denied" + Hostile.ALL + "x".repeat(10_000));

    Sandbox.Result exec = box.keyshell(null, "exec", "--", "true");

    assertEquals(1, exec.exit(), exec.toString());
    harmless(exec);
    String first = exec.err().lines().findFirst().orElseThrow();
    assertTrue(first.contains("denied\\x1b]52;c;"), first);
    assertTrue(first.length() < 500, "cut: " + first.length() + " characters");
  }

  @Test
  void sts_error_text_is_made_visible() {
    initWithHostileTitle().ok();
    // XML 1.0 cannot carry ESC, but C1's CSI (U+009B) and CR are legal in it.
    String message = "denied\r\u009b2J\u009bHme@laptop:~$ " + "y".repeat(10_000);
    sts.server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=GetSessionToken"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                            + "<Message>"
                            + message
                            + "</Message></Error><RequestId>0</RequestId></ErrorResponse>")));

    Sandbox.Result exec = box.keyshell(null, "exec", "--", "true");

    assertEquals(1, exec.exit(), exec.toString());
    harmless(exec);
    String first = exec.err().lines().findFirst().orElseThrow();
    assertTrue(first.contains("denied \\x9b2J\\x9bHme@laptop"), first);
    assertTrue(first.length() < 500, "cut: " + first.length() + " characters");
  }

  @Test
  void op_stderr_is_made_visible() throws Exception {
    FakeOp op = new FakeOp(tmp.resolve("fake-op"));
    box.env.putAll(op.settings());
    box.env.put("PATH", op.bin + ":" + Sandbox.PATH);
    box.env.put("OP_FAKE_MODE", "error");
    box.env.put("OP_FAKE_ERROR", "no" + Hostile.ALL);

    Sandbox.Result init =
        box.keyshell(null, "plugin", "init", "aws", "--store", "op", "--item", "AWS", "--yes");

    assertEquals(1, init.exit(), init.toString());
    harmless(init);
    assertTrue(init.err().contains("no\\x1b]52;c;"), init.toString());
  }

  @Test
  void an_item_title_in_the_wizards_menu(@TempDir Path other) throws Exception {
    Sandbox local = new Sandbox(other.resolve("sandbox"));
    local.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    local.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    local.credentials(
        "[default]\naws_access_key_id = "
            + AwsFunctionIT.KEY_ID
            + "\naws_secret_access_key = "
            + AwsFunctionIT.SECRET
            + "\n");
    Users.importDefault(local, "local", "--title", "AWS" + Hostile.ALL).ok();
    local.env.remove("KEYSHELL_NO_TTY");
    local.env.put("TERM", "xterm-256color");
    try (Tmux t = new Tmux(other, local.env, WizardIT.SCREENS)) {
      t.line("cd " + local.home);
      t.start(Sandbox.KEYSHELL + " plugin init aws");

      String s = t.waitFor("? Where to keep the AWS key?");
      t.keys("Enter");
      s = t.waitFor("? Locate your AWS Access Key:");

      // Shown as text, the sequences did nothing to the terminal; raw, tmux would have run them.
      assertTrue(s.contains("Use 'AWS\\x1b]52;c;dG91Y2ggfi9QV05FRA==\\x07\\x1b]0;owned"), s);
      assertTrue(s.contains("Already set up (global): 'AWS\\x1b]52;c;"), s);
      t.keys("C-c");
    }
  }
}
