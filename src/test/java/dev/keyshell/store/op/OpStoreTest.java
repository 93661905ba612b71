package dev.keyshell.store.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsItemFields;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.OnePasswordFixtures;
import dev.keyshell.store.OnePasswordJson;
import dev.keyshell.store.Store;
import dev.keyshell.store.Store.ItemSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpStoreTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String OTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  private static final String LOGIN_ID = "nok7367v4vbsfgg2fczwu4ei44";
  private static final String VAULT_ID = "gshlsjsajnawtnjynzgwmiebge";
  private static final String ACCOUNT_ID = "GRXJAN4BY5DPROISKYL55IRCPY";

  @TempDir Path tmp;
  FakeOp op;

  @BeforeEach
  void installFakeOp() throws Exception {
    op = new FakeOp(tmp);
  }

  private OpStore store() {
    return new OpStore(op.env(), new ProcessRunner(), Duration.ofSeconds(20));
  }

  @Test
  void lists_the_vaults_the_account_sees_for_the_wizards_menu() {
    assertEquals(
        List.of(
            new Store.VaultSummary("prv4t3vau1tk3ysh3ll0000000", "Private"),
            new Store.VaultSummary(VAULT_ID, "Test Data")),
        store().vaults());
    assertEquals(List.of("vault", "list", "--format", "json"), op.calls().get(0));
  }

  @Test
  void reads_a_recorded_login_item_by_id_in_its_vault_and_account() {
    Item item = store().read(new ItemRef(StoreKind.OP, "ACCT1", VAULT_ID, LOGIN_ID));

    assertEquals("Example Login 2", item.title());
    assertEquals(VAULT_ID, item.vaultId());
    assertEquals("Test Data", item.vaultName());
    assertEquals("LOGIN", item.category());
    assertEquals("weak password", item.field("PASSWORD").orElseThrow().value());
    assertEquals(
        List.of(
            "item", "get", LOGIN_ID, "--vault", VAULT_ID, "--account", "ACCT1", "--format", "json"),
        op.calls().get(0));
  }

  @Test
  void uses_OP_ACCOUNT_when_the_reference_names_no_account() {
    op.with("OP_ACCOUNT", "my.1password.com");
    store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID));

    List<String> argv = op.calls().get(0);
    assertEquals("my.1password.com", argv.get(argv.indexOf("--account") + 1));
  }

  @Test
  void keeps_the_otp_secret_in_value_and_ops_current_code_in_totp() throws Exception {
    // An AWS login built at run time from the recorded item and the two recorded OTP fields.
    ObjectNode item = OnePasswordFixtures.json("op-cli__item-get-login__pyonepassword.json");
    ArrayNode fields = (ArrayNode) item.get("fields");
    fields.add(field("Access Key ID", "STRING", "AKIAIOSFODNN7EXAMPLE"));
    fields.add(field("secret access key", "CONCEALED", SECRET));
    fields.add(OnePasswordFixtures.json("op-cli__item-get-fields-type-otp__pyonepassword.json"));
    Files.writeString(op.items.resolve(LOGIN_ID + ".json"), item.toString());

    AwsKeys keys = AwsKeys.from(store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID)));

    assertEquals("AKIAIOSFODNN7EXAMPLE", keys.accessKeyId());
    assertEquals(SECRET, keys.secretAccessKey());
    Field otp = keys.otp().orElseThrow();
    assertEquals("AAAAY3DPEHPK3PXP", otp.value());
    assertEquals("741354", otp.totp());
  }

  @Test
  void reads_an_otpauth_uri_from_an_otp_field() throws Exception {
    ObjectNode item = OnePasswordFixtures.json("op-cli__item-get-login__pyonepassword.json");
    ((ArrayNode) item.get("fields"))
        .add(OnePasswordFixtures.json("op-cli__otp-field-otpauth__pyonepassword.json"));
    Files.writeString(op.items.resolve(LOGIN_ID + ".json"), item.toString());

    Field otp =
        store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID)).otpField().orElseThrow();

    assertTrue(otp.value().startsWith("otpauth://totp/"));
    assertEquals("649914", otp.totp());
  }

  @Test
  void accepts_an_api_credential_username_and_credential_as_the_key_pair() {
    Item item =
        store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, "jgou2ypa4ceurm4fetya3kptau"));

    AwsKeys keys = AwsKeys.from(item);
    assertEquals("__token__", keys.accessKeyId());
    assertTrue(keys.secretAccessKey().startsWith("212784acd95a"));
  }

  @Test
  void resolves_a_title_to_the_items_id_and_vault() {
    ItemRef ref = store().resolve("Example Login 2", "Test Data");

    assertEquals(new ItemRef(StoreKind.OP, ACCOUNT_ID, VAULT_ID, LOGIN_ID), ref);
    assertEquals(
        List.of("item", "get", "Example Login 2", "--vault", "Test Data", "--format", "json"),
        op.calls().get(0));
  }

  @Test
  void lists_every_candidate_when_a_title_matches_several_items() {
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().resolve("Delete Me", "Test Data"));

    assertTrue(
        e.getMessage().contains("'Delete Me' in vault Test Data (id vwyt5in4gempt67i7d2mpao6c4)"));
    assertTrue(e.getMessage().contains("(id dmm2ybtxxjlxtv23puevxw5ydy)"));
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.hint().contains("id"));
  }

  @Test
  void says_a_missing_item_is_not_found_and_how_to_look() {
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().resolve("non-existent-item", null));

    assertEquals("1Password item 'non-existent-item' not found", e.getMessage());
    assertTrue(e.hint().contains("op item list"));
  }

  @Test
  void searches_item_summaries_by_title_without_reading_secrets() throws Exception {
    ArrayNode list = OnePasswordJson.MAPPER.createArrayNode();
    for (String file :
        List.of(
            "op-cli__item-get-login__pyonepassword.json",
            "op-cli__item-get-api-credential__pyonepassword.json")) {
      ObjectNode summary = OnePasswordFixtures.json(file);
      summary.remove(List.of("fields", "sections"));
      list.add(summary);
    }
    Files.writeString(op.items.resolve("list.json"), list.toString());

    List<ItemSummary> all = store().search("", "Test Data");
    List<ItemSummary> api = store().search("API", null);

    assertEquals(2, all.size());
    assertEquals(1, api.size());
    assertEquals("Example API Credential", api.get(0).title());
    assertEquals("Test Data", api.get(0).vaultName());
    assertEquals("jgou2ypa4ceurm4fetya3kptau", api.get(0).ref().itemId());
    assertEquals(List.of("item", "list", "--format", "json"), op.calls().get(1));
  }

  @Test
  void edits_the_mfa_fields_with_the_whole_item_on_stdin_and_keeps_every_other_part()
      throws Exception {
    List<Field> fields = AwsItemFields.of("AKIAIOSFODNN7EXAMPLE", SECRET, null, OTP_SECRET, null);
    ItemRef ref = store().create("aws-dev", "Test Data", fields);
    // what 1Password keeps beside keyshell's fields: a note and a section
    Path stored = op.items.resolve(ref.itemId() + ".json");
    ObjectNode item = (ObjectNode) OnePasswordJson.MAPPER.readTree(Files.readString(stored));
    item.put("notesPlain", "rotate me in May");
    item.putArray("sections").addObject().put("id", "extra").put("label", "Extra");
    Files.writeString(stored, item.toString());
    String newSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    store()
        .edit(
            ref,
            List.of(
                new FieldEdit("MFA Serial", FieldType.STRING, "arn:aws:iam::123456789012:mfa/a"),
                new FieldEdit("One-Time Password", FieldType.OTP, newSecret)));

    List<String> edit = op.calls().get(op.calls().size() - 1);
    assertEquals(
        List.of(
            "item",
            "edit",
            ref.itemId(),
            "--vault",
            VAULT_ID,
            "--account",
            ACCOUNT_ID,
            "--format",
            "json"),
        edit);
    assertFalse(op.read("argv").contains(newSecret), "OTP secret in argv");
    assertFalse(op.read("argv").contains(SECRET), "secret access key in argv");
    Item back = store().read(ref);
    assertEquals(newSecret, AwsKeys.from(back).otp().orElseThrow().value());
    assertEquals("arn:aws:iam::123456789012:mfa/a", AwsKeys.from(back).mfaSerial().orElseThrow());
    assertEquals(SECRET, AwsKeys.from(back).secretAccessKey());
    JsonNode raw = OnePasswordJson.MAPPER.readTree(Files.readString(stored));
    assertEquals("rotate me in May", raw.get("notesPlain").asText());
    assertEquals("Extra", raw.get("sections").get(0).get("label").asText());

    store().edit(ref, List.of(FieldEdit.remove("One-Time Password", FieldType.OTP)));
    assertTrue(AwsKeys.from(store().read(ref)).otp().isEmpty());
  }

  @Test
  void creates_a_login_item_with_the_secrets_on_stdin_and_never_in_argv() throws Exception {
    String otpUri = "otpauth://totp/AWS:alice?secret=" + OTP_SECRET + "&issuer=AWS";
    List<Field> fields =
        AwsItemFields.of(
            "AKIAIOSFODNN7EXAMPLE", SECRET, "eu-west-1", otpUri, "arn:aws:iam::1:mfa/alice");

    ItemRef ref = store().create("aws-dev", "Test Data", fields);

    assertEquals(
        new ItemRef(StoreKind.OP, ACCOUNT_ID, VAULT_ID, "k3ysh3llcr3at3d1t3m00000aa"), ref);
    String argv = op.read("argv");
    assertFalse(argv.contains(SECRET), "secret access key in argv");
    assertFalse(argv.contains(OTP_SECRET), "OTP secret in argv");
    assertEquals(
        List.of("item", "create", "--vault", "Test Data", "-", "--format", "json"),
        op.calls().get(0));
    JsonNode template = OnePasswordJson.MAPPER.readTree(op.read("stdin"));
    assertEquals("aws-dev", template.get("title").asText());
    assertEquals("LOGIN", template.get("category").asText());
    Item sent = OnePasswordJson.item(template);
    assertEquals(SECRET, sent.field("Secret Access Key").orElseThrow().value());
    assertEquals("CONCEALED", template.get("fields").get(1).get("type").asText());
    assertEquals("OTP", template.get("fields").get(3).get("type").asText());
    assertEquals(otpUri, sent.field("One-Time Password").orElseThrow().value());
    assertEquals("eu-west-1", sent.field("Default Region").orElseThrow().value());
    assertEquals("arn:aws:iam::1:mfa/alice", sent.field("MFA Serial").orElseThrow().value());
  }

  @Test
  void hands_op_no_aws_secrets_and_no_vault_passphrase() {
    op.with("AWS_SECRET_ACCESS_KEY", SECRET)
        .with("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
        .with("AWS_SESSION_TOKEN", "token-value")
        .with("KEYSHELL_VAULT_PASSPHRASE", "hunter2")
        .with("OP_ACCOUNT", "my.1password.com")
        .with("XDG_CONFIG_HOME", tmp.resolve("config").toString());

    store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID));

    String env = op.read("env");
    assertFalse(env.contains(SECRET));
    assertFalse(env.contains("AWS_"));
    assertFalse(env.contains("hunter2"));
    assertTrue(env.contains("OP_ACCOUNT=my.1password.com"));
    assertTrue(env.contains("XDG_CONFIG_HOME="));
    assertTrue(env.contains("HOME=" + tmp));
  }

  @Test
  void records_the_account_op_whoami_names_so_later_reads_go_to_the_same_account() {
    op.with("OP_ACCOUNT", "my");

    ItemRef ref = store().resolve("Example Login 2", null);

    assertEquals(ACCOUNT_ID, ref.account());
    assertEquals(List.of("whoami", "--account", "my", "--format", "json"), op.calls().get(1));
    store().read(ref);
    List<String> read = op.calls().get(2);
    assertEquals(ACCOUNT_ID, read.get(read.indexOf("--account") + 1));
  }

  @Test
  void records_no_account_for_a_service_account_whose_token_decides() {
    op.with("OP_FAKE_MODE", "service-account");

    ItemRef ref = store().create("aws", null, AwsItemFields.of("AKIA1", SECRET, null, null, null));

    assertEquals(null, ref.account());
  }

  @Test
  void is_usable_with_the_app_integration_before_whoami_answers_but_not_without_accounts() {
    op.with("OP_FAKE_MODE", "app-integration");
    assertFalse(store().signedIn());
    assertTrue(store().usable());

    op.with("OP_FAKE_MODE", "signed-out");
    assertFalse(store().usable());
    assertEquals(List.of("account", "list", "--format", "json"), op.calls().get(4));
  }

  @Test
  void takes_its_time_bound_from_KEYSHELL_OP_TIMEOUT_and_refuses_nonsense() {
    assertEquals(OpStore.DEFAULT_TIMEOUT, OpStore.timeout(op.env()));
    assertEquals(Duration.ofSeconds(5), OpStore.timeout(op.with("KEYSHELL_OP_TIMEOUT", "5").env()));

    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> OpStore.timeout(op.with("KEYSHELL_OP_TIMEOUT", "1m").env()));
    assertTrue(e.getMessage().startsWith("KEYSHELL_OP_TIMEOUT must be"));
  }

  @Test
  void tells_how_to_sign_in_when_op_is_signed_out() {
    op.with("OP_FAKE_MODE", "signed-out");

    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID)));

    assertEquals("the 1Password CLI is not signed in", e.getMessage());
    assertTrue(e.hint().contains("op signin"));
    assertFalse(store().signedIn());
  }

  @Test
  void tells_how_to_unlock_when_the_app_refuses() {
    op.with("OP_FAKE_MODE", "locked");

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().resolve("Example Login 2", null));

    assertTrue(e.getMessage().contains("did not authorize"));
    assertTrue(e.hint().contains("Integrate with 1Password CLI"));
  }

  @Test
  void is_signed_in_when_whoami_answers() {
    assertTrue(store().signedIn());
    assertEquals(List.of("whoami", "--format", "json"), op.calls().get(0));
  }

  @Test
  void tells_how_to_install_op_when_it_is_not_on_path() throws Exception {
    op.with("PATH", Files.createDirectories(tmp.resolve("empty")).toString());

    KeyshellException e = assertThrows(KeyshellException.class, () -> store().search("", null));

    assertTrue(e.getMessage().contains("not installed"));
    assertTrue(e.hint().contains("https://developer.1password.com/docs/cli/get-started/"));
    assertFalse(store().signedIn());
  }

  @Test
  void stops_a_hung_op_with_its_children_and_says_so() throws Exception {
    op.with("OP_FAKE_MODE", "hang");
    OpStore store = new OpStore(op.env(), new ProcessRunner(), Duration.ofMillis(500));

    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> store.read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID)));

    assertTrue(e.getMessage().contains("did not answer"));
    assertTrue(e.hint().contains("approve the 1Password prompt"));
    long child = Long.parseLong(op.read("child.pid").trim());
    ProcessHandle.of(child).ifPresent(h -> h.onExit().join());
  }

  @Test
  void never_echoes_output_that_is_not_json() {
    op.with("OP_FAKE_MODE", "garbage");

    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> store().read(new ItemRef(StoreKind.OP, null, VAULT_ID, LOGIN_ID)));

    assertFalse(e.getMessage().contains("AKIA"));
    assertTrue(e.hint().contains("op --version"));
  }

  private static ObjectNode field(String label, String type, String value) {
    ObjectNode f = OnePasswordJson.MAPPER.createObjectNode();
    f.put("id", label.replace(' ', '_'));
    f.put("type", type);
    f.put("label", label);
    f.put("value", value);
    return f;
  }
}
