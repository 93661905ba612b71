package dev.keyshell.provision;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeWriter;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.testing.Conformance;
import dev.keyshell.vault.CheapVaults;
import dev.keyshell.vault.LocalVaultStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One user for provisioning tests: a HOME with AWS files, the real local vault holding the
 * long-lived key and TOTP secret, a global scope naming it, and a WireMock STS answering with the
 * conformance bodies. The clock starts 8 hours before the GetSessionToken body's expiry.
 */
final class ProvisionWorld implements AutoCloseable {
  static final String KEY_ID = "AKIALONGLIVED0000001";
  static final String SECRET = "longLivedSecretNeverSentOrShown0000000001";
  static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";
  static final String MFA = "arn:aws:iam::111111111111:mfa/alice";
  static final String SESSION_KEY_ID = "AKIAIOSFODNN7EXAMPLE"; // GetSessionToken.moto-rendered.xml
  static final String ROLE_KEY_ID = "ASIAIOSFODNN7EXAMPLE"; // AssumeRole.moto-rendered.xml
  static final Instant SESSION_EXPIRY = Instant.parse("2026-01-01T12:00:00Z");
  static final Instant START = SESSION_EXPIRY.minus(Duration.ofHours(8));

  final Path root;
  final Env env;
  final Dirs dirs;
  final TestClock clock = new TestClock(START);
  final List<Duration> slept = new ArrayList<>();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final WireMockServer sts = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  final LocalVaultStore vault;
  final ItemRef item;

  ProvisionWorld(Path root) throws IOException {
    this.root = root;
    Map<String, String> vars = new HashMap<>();
    vars.put("KEYSHELL_VAULT_PASSPHRASE", "correct horse battery staple");
    vars.put("USER", "alice");
    this.env = new Env(vars, root.resolve("home"), root.resolve("home"));
    this.dirs =
        new Dirs(
            root.resolve("config"),
            root.resolve("data"),
            root.resolve("cache"),
            root.resolve("run"));
    Files.createDirectories(root.resolve("home/.aws"));
    this.vault = CheapVaults.unattended(env, dirs);
    this.item =
        vault.create(
            "AWS alice",
            LocalVaultStore.VAULT_ID,
            List.of(
                new Field(AwsKeys.ACCESS_KEY_ID, FieldType.STRING, KEY_ID),
                new Field(AwsKeys.SECRET_ACCESS_KEY, FieldType.CONCEALED, SECRET),
                new Field(AwsKeys.ONE_TIME_PASSWORD, FieldType.OTP, TOTP_SECRET)));
    new ScopeWriter(env, dirs)
        .record(Scope.GLOBAL, CredentialRef.aws(item, "AWS alice", "Private", null), null);
    sts.start();
    answer("Action=GetSessionToken", 200, "GetSessionToken.moto-rendered.xml");
    answer("Action=AssumeRole", 200, "AssumeRole.moto-rendered.xml");
  }

  void config(String text) throws IOException {
    Files.writeString(env.home().resolve(".aws/config"), text);
  }

  /** STS answers requests whose body contains {@code bodyContains} with a conformance file. */
  void answer(String bodyContains, int status, String conformanceFile) {
    sts.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing(bodyContains))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(Conformance.text("sts/" + conformanceFile))));
  }

  /** The same with the response's Expiration replaced: a fresh session from a real STS. */
  void answer(String bodyContains, String conformanceFile, Instant expiration) {
    sts.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing(bodyContains))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        Conformance.text("sts/" + conformanceFile)
                            .replaceAll(
                                "<Expiration>[^<]*</Expiration>",
                                "<Expiration>" + expiration + "</Expiration>"))));
  }

  Provisioner provisioner() {
    Store store = vault;
    Stores stores =
        new Stores() {
          @Override
          public Store open(StoreKind kind) {
            return store;
          }

          @Override
          public StoreKind detectDefault() {
            return StoreKind.LOCAL;
          }
        };
    return new Provisioner(
        env,
        dirs,
        stores,
        new PrintStream(errBytes, true, StandardCharsets.UTF_8),
        clock,
        Optional.of(URI.create(sts.baseUrl())),
        d -> {
          slept.add(d);
          clock.advance(d);
        });
  }

  Minted provision(String profile) {
    return provisioner().provision(profile);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  /** The STS requests received, oldest first, as form parameters plus {@code signer}. */
  List<Map<String, String>> calls() {
    List<Map<String, String>> out = new ArrayList<>();
    List<LoggedRequest> requests =
        new ArrayList<>(sts.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
    Collections.reverse(requests); // serve events come newest first
    for (LoggedRequest r : requests) {
      Map<String, String> params = new HashMap<>();
      for (String pair : r.getBodyAsString().split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
      String auth = r.getHeader("Authorization");
      params.put("signer", auth.substring(auth.indexOf("Credential=") + 11).split("/")[0]);
      out.add(params);
    }
    return out;
  }

  List<Map<String, String>> calls(String action) {
    return calls().stream().filter(c -> action.equals(c.get("Action"))).toList();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    sts.stop();
  }
}
