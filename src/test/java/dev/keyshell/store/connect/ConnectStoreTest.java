package dev.keyshell.store.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsItemFields;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.OnePasswordFixtures;
import dev.keyshell.store.OnePasswordJson;
import dev.keyshell.store.Store.ItemSummary;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectStoreTest {
  private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.test-token";
  private static final String VAULT = "hfnjvi6aymbsnfc2xeeoheizda";
  private static final String ITEM = "wepiqdxdzncjtnvmv5fegud4qy";
  private static final String ITEM_PATH = "/v1/vaults/" + VAULT + "/items/" + ITEM;

  WireMockServer server;
  String host;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    host = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ConnectStore store() {
    return store(host);
  }

  private static ConnectStore store(String host) {
    Env env =
        new Env(
            Map.of("OP_CONNECT_HOST", host, "OP_CONNECT_TOKEN", TOKEN),
            Path.of("/h"),
            Path.of("/h"));
    return new ConnectStore(env, Duration.ofSeconds(10));
  }

  private static ItemRef ref(String account) {
    return new ItemRef(StoreKind.CONNECT, account, VAULT, ITEM);
  }

  @Test
  void reads_an_item_with_unknown_properties_and_an_empty_purpose() {
    server.stubFor(
        get(ITEM_PATH)
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-js__item-detail.json"))));

    Item item = store().read(ref(host));

    assertEquals("Bank of 1Password", item.title());
    assertEquals("aardvark", item.field("example").orElseThrow().value());
    server.verify(
        getRequestedFor(urlPathEqualTo(ITEM_PATH))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void reads_an_archived_items_otp_field_with_the_servers_current_code() {
    ObjectNode item = OnePasswordFixtures.json("connect-sdk-python__get_item.json");
    item.put("state", "ARCHIVED");
    server.stubFor(get(ITEM_PATH).willReturn(okJson(item.toString())));

    Item read = store().read(ref(null));

    assertEquals("134253", read.otpField().orElseThrow().totp());
    assertEquals("otpauth://totp=testop?secret=test", read.otpField().orElseThrow().value());
    assertEquals(VAULT, read.vaultId());
  }

  @Test
  void reads_an_api_credential_with_an_otp_and_an_unknown_field_type() {
    server.stubFor(
        get(ITEM_PATH)
            .willReturn(
                okJson(
                    OnePasswordFixtures.text("SYNTHETIC__connect-api-credential-with-otp.json"))));

    Item item = store().read(ref(host));
    AwsKeys keys = AwsKeys.from(item);

    assertEquals("AKIAIOSFODNN7EXAMPLE", keys.accessKeyId());
    assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", keys.secretAccessKey());
    assertEquals("287082", keys.otp().orElseThrow().totp());
    assertEquals("arn:aws:iam::123456789012:mfa/alice", keys.mfaSerial().orElseThrow());
    assertEquals(FieldType.OTHER, item.field("unknown type field").orElseThrow().type());
  }

  @Test
  void refuses_a_reference_to_another_connect_server() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> store().read(ref("http://connect.example:8080")));

    assertTrue(e.getMessage().contains("http://connect.example:8080"));
    assertTrue(e.hint().contains("OP_CONNECT_HOST"));
  }

  @Test
  void resolves_a_title_in_a_named_vault_with_encoded_scim_filters() {
    stubVaults();
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults/" + VAULT + "/items"))
            .withQueryParam("filter", equalTo("title eq \"Test Login\""))
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-python__get_items.json"))));

    ItemRef ref = store().resolve("Test Login", "VaultA");

    assertEquals(new ItemRef(StoreKind.CONNECT, host, VAULT, ITEM), ref);
    List<String> urls =
        server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    assertTrue(urls.contains("/v1/vaults?filter=name%20eq%20%22VaultA%22"), urls.toString());
    assertTrue(
        urls.contains("/v1/vaults/" + VAULT + "/items?filter=title%20eq%20%22Test%20Login%22"),
        urls.toString());
  }

  @Test
  void lists_every_candidate_when_a_title_matches_several_items() {
    stubVaults();
    ArrayNode items = (ArrayNode) OnePasswordFixtures.json0("connect-sdk-python__get_items.json");
    ObjectNode second = items.get(0).deepCopy();
    second.put("id", "zzzzzzzzzzzzzzzzzzzzzzzzzz");
    items.add(second);
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults/" + VAULT + "/items")).willReturn(okJson(items.toString())));

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().resolve("Test Login", "VaultA"));

    assertTrue(e.getMessage().contains("'Test Login' in vault VaultA (id " + ITEM + ")"));
    assertTrue(e.getMessage().contains("(id zzzzzzzzzzzzzzzzzzzzzzzzzz)"));
  }

  @Test
  void says_a_missing_title_is_not_found() {
    stubVaults();
    server.stubFor(get(urlPathEqualTo("/v1/vaults/" + VAULT + "/items")).willReturn(okJson("[]")));

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().resolve("Nope", "VaultA"));

    assertTrue(e.getMessage().startsWith("no item titled 'Nope'"));
    assertTrue(e.getMessage().contains(host));
  }

  @Test
  void says_a_missing_vault_is_not_found() {
    server.stubFor(get(urlPathEqualTo("/v1/vaults")).willReturn(okJson("[]")));

    KeyshellException e = assertThrows(KeyshellException.class, () -> store().search("", "Nope"));

    assertEquals("no vault 'Nope' on the Connect server at " + host, e.getMessage());
  }

  @Test
  void searches_every_vault_for_live_items_by_title() {
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults"))
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-js__vaults.json"))));
    ArrayNode items = (ArrayNode) OnePasswordFixtures.json0("connect-sdk-js__vault-items.json");
    ObjectNode archived = items.get(0).deepCopy();
    archived.put("id", "archivedarchivedarchivedaa").put("state", "ARCHIVED");
    items.add(archived);
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults/3fa85f64-5717-4562-b3fc-2c963f66afa6/items"))
            .willReturn(okJson(items.toString())));

    List<ItemSummary> found = store().search("STR", null);

    assertEquals(1, found.size());
    assertEquals("string", found.get(0).title());
    assertEquals("My Test Vault", found.get(0).vaultName());
    assertEquals(host, found.get(0).ref().account());
  }

  @Test
  void creates_a_login_item_in_the_named_vault() {
    stubVaults();
    server.stubFor(
        post("/v1/vaults/" + VAULT + "/items")
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-python__get_item.json"))));

    ItemRef ref =
        store()
            .create(
                "aws-dev",
                "VaultA",
                AwsItemFields.of("AKIAIOSFODNN7EXAMPLE", "s3cr3t", null, "JBSWY3DPEHPK3PXP", null));

    assertEquals(new ItemRef(StoreKind.CONNECT, host, VAULT, ITEM), ref);
    server.verify(
        postRequestedFor(urlPathEqualTo("/v1/vaults/" + VAULT + "/items"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(
                equalToJson(
                    "{\"title\":\"aws-dev\",\"category\":\"LOGIN\",\"vault\":{\"id\":\""
                        + VAULT
                        + "\"},\"fields\":["
                        + "{\"type\":\"STRING\",\"label\":\"Access Key ID\",\"value\":\"AKIAIOSFODNN7EXAMPLE\"},"
                        + "{\"type\":\"CONCEALED\",\"label\":\"Secret Access Key\",\"value\":\"s3cr3t\"},"
                        + "{\"type\":\"OTP\",\"label\":\"One-Time Password\",\"value\":\"JBSWY3DPEHPK3PXP\"}]}")));
  }

  @Test
  void edits_by_putting_the_whole_item_back_with_only_the_mfa_fields_changed() throws Exception {
    String detail = OnePasswordFixtures.text("SYNTHETIC__connect-api-credential-with-otp.json");
    server.stubFor(get(ITEM_PATH).willReturn(okJson(detail)));
    server.stubFor(put(ITEM_PATH).willReturn(okJson(detail)));

    store()
        .edit(
            ref(host),
            List.of(
                new FieldEdit("MFA Serial", FieldType.STRING, "arn:aws:iam::123456789012:mfa/a"),
                FieldEdit.remove("One-Time Password", FieldType.OTP)));

    List<LoggedRequest> puts = server.findAll(putRequestedFor(urlPathEqualTo(ITEM_PATH)));
    assertEquals(1, puts.size());
    JsonNode sent = OnePasswordJson.MAPPER.readTree(puts.get(0).getBodyAsString());
    JsonNode original = OnePasswordJson.MAPPER.readTree(detail);
    assertEquals(original.get("title"), sent.get("title"));
    assertEquals(original.get("vault"), sent.get("vault"));
    boolean hasOtp = false;
    String serial = null;
    for (JsonNode f : sent.get("fields")) {
      hasOtp |= "OTP".equals(f.path("type").asText());
      if ("MFA Serial".equalsIgnoreCase(f.path("label").asText())) {
        serial = f.path("value").asText();
      }
    }
    assertFalse(hasOtp, "the OTP field is gone");
    assertEquals("arn:aws:iam::123456789012:mfa/a", serial);
    for (JsonNode f : original.get("fields")) {
      if (!"OTP".equals(f.path("type").asText())
          && !"MFA Serial".equalsIgnoreCase(f.path("label").asText())) {
        assertTrue(sent.get("fields").toString().contains(f.toString()), "kept as it was: " + f);
      }
    }
    assertEquals(
        "Bearer " + TOKEN, puts.get(0).getHeader("Authorization"), "the token, in the header only");
  }

  @Test
  void asks_for_a_vault_when_the_token_sees_several() {
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults"))
            .willReturn(okJson("[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\",\"name\":\"B\"}]")));

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store().create("t", null, List.of()));

    assertTrue(e.hint().contains("--vault"));
    server.verify(0, postRequestedFor(urlPathEqualTo("/v1/vaults/a/items")));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "401 | Invalid token signature | refused the token (HTTP 401: Invalid token signature) | OP_CONNECT_TOKEN",
        "403 | vault is not in scope | may not access item " + ITEM + " at | give the token access",
        "404 | item not found | item "
            + ITEM
            + " not found on the Connect server at | check the vault and item",
        "500 | internal error | failed (HTTP 500: internal error) | Connect server's logs",
        "418 | teapot | rejected the request (HTTP 418: teapot) | API v1",
      })
  void explains_each_error_status_naming_the_host_and_never_the_token(
      int status, String serverMessage, String reason, String hint) {
    server.stubFor(
        get(ITEM_PATH)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":" + status + ",\"message\":\"" + serverMessage + "\"}")));

    KeyshellException e = assertThrows(KeyshellException.class, () -> store().read(ref(host)));

    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains(host), e.getMessage());
    assertTrue(e.hint().contains(hint), e.hint());
    assertFalse(e.getMessage().contains(TOKEN) || e.hint().contains(TOKEN));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void retries_a_read_twice_on_a_server_error_then_gives_up() {
    server.stubFor(get(ITEM_PATH).willReturn(aResponse().withStatus(503)));

    assertThrows(KeyshellException.class, () -> store().read(ref(host)));

    server.verify(1 + ConnectClient.GET_RETRIES, getRequestedFor(urlPathEqualTo(ITEM_PATH)));
  }

  @Test
  void a_read_succeeds_when_a_retry_does() {
    server.stubFor(
        get(ITEM_PATH)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("up"));
    server.stubFor(
        get(ITEM_PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-python__get_item.json"))));

    assertEquals("Test Login", store().read(ref(host)).title());
  }

  @Test
  void never_repeats_a_create() {
    stubVaults();
    server.stubFor(post("/v1/vaults/" + VAULT + "/items").willReturn(aResponse().withStatus(500)));

    assertThrows(KeyshellException.class, () -> store().create("t", "VaultA", List.of()));

    server.verify(1, postRequestedFor(urlPathEqualTo("/v1/vaults/" + VAULT + "/items")));
  }

  @Test
  void names_the_host_when_nothing_listens_there() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String closed = "http://127.0.0.1:" + port;

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> store(closed).read(ref(null)));

    assertEquals(
        "cannot reach the Connect server at " + closed + " (connection refused)", e.getMessage());
    assertTrue(e.hint().contains("OP_CONNECT_HOST"));
  }

  @Test
  void says_which_variable_is_missing_or_malformed() {
    Path h = Path.of("/h");
    KeyshellException noHost =
        assertThrows(
            KeyshellException.class,
            () -> new ConnectStore(new Env(Map.of("OP_CONNECT_TOKEN", TOKEN), h, h)));
    KeyshellException noToken =
        assertThrows(
            KeyshellException.class,
            () -> new ConnectStore(new Env(Map.of("OP_CONNECT_HOST", host), h, h)));
    KeyshellException badHost =
        assertThrows(
            KeyshellException.class,
            () ->
                new ConnectStore(
                    new Env(
                        Map.of("OP_CONNECT_HOST", "user:pw@localhost", "OP_CONNECT_TOKEN", TOKEN),
                        h,
                        h)));

    assertEquals("OP_CONNECT_HOST is not set", noHost.getMessage());
    assertEquals("OP_CONNECT_TOKEN is not set", noToken.getMessage());
    assertFalse(badHost.getMessage().contains("pw"));
    // DESIGN.md: OP_CONNECT_HOST alone means Connect; the missing token is then reported
    assertTrue(ConnectStore.configured(new Env(Map.of("OP_CONNECT_HOST", host), h, h)));
    assertFalse(ConnectStore.configured(new Env(Map.of("OP_CONNECT_TOKEN", TOKEN), h, h)));
  }

  private void stubVaults() {
    server.stubFor(
        get(urlPathEqualTo("/v1/vaults"))
            .withQueryParam("filter", equalTo("name eq \"VaultA\""))
            .willReturn(okJson(OnePasswordFixtures.text("connect-sdk-python__get_vaults.json"))));
  }
}
