package dev.keyshell.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeEntries;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN "Provisioning aws", steps 2 and 4, as a table: who serves which profile, or why not. */
class CredentialChoiceTest {
  static final String CONFIG =
      """
      [default]
      region = eu-west-1
      [profile dev-admin]
      role_arn = arn:aws:iam::111111111111:role/admin
      source_profile = default
      [profile bob-admin]
      role_arn = arn:aws:iam::111111111111:role/admin
      source_profile = bob
      [profile plain]
      region = us-east-1
      [profile sso-dev]
      sso_start_url = https://example.awsapps.com/start
      sso_region = us-east-1
      [profile web]
      role_arn = arn:aws:iam::111111111111:role/web
      web_identity_token_file = /var/token
      [profile tool]
      credential_process = /opt/tool
      [profile ks]
      credential_process = keyshell export --profile plain
      """;
  static final String CREDENTIALS =
      """
      [bob]
      aws_access_key_id = AKIABOBEXAMPLE000001
      aws_secret_access_key = x
      [carol]
      aws_access_key_id = AKIACAROLEXAMPLE0001
      aws_secret_access_key = y
      """;

  @TempDir Path tmp;

  /** Scopes as {@code scope:profile=item} words; profile * is the default. */
  private ScopeEntries scopes(String spec) throws Exception {
    List<ScopeLocator.Found> found = new ArrayList<>();
    for (Scope scope : Scope.values()) {
      List<CredentialRef> refs = new ArrayList<>();
      for (String word : spec.isBlank() ? new String[0] : spec.trim().split("\\s+")) {
        String[] p = word.split("[:=]");
        if (Scope.parse(p[0]) == scope) {
          refs.add(
              CredentialRef.aws(
                  new ItemRef(StoreKind.LOCAL, null, "v", p[2]),
                  p[2],
                  null,
                  p[1].equals("*") ? null : p[1]));
        }
      }
      if (!refs.isEmpty()) {
        Path file = tmp.resolve(scope.id() + ".json");
        found.add(new ScopeLocator.Found(scope, file, ScopeFile.render(refs), true));
      }
    }
    return ScopeEntries.of(found);
  }

  @ParameterizedTest(name = "[{index}] {0} with {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // profile | scopes                                   | outcome
        "default   | global:*=alice                           | serve alice global",
        "dev-admin | global:*=alice                           | serve alice global",
        "plain     | global:*=alice                           | serve alice global",
        "default   | session:*=ci global:default=alice        | serve alice global",
        "default   | session:*=ci global:*=alice              | serve ci session",
        "personal  | session:*=ci global:personal=me          | serve me global",
        "shared    | session:shared=s global:shared=g         | serve s session",
        "shared    | directory:shared=d global:shared=g       | serve d directory",
        "default   | directory:*=d global:*=g                 | serve d directory",
        "default   | session:x=s directory:y=d global:*=g     | serve g global",
        "bob       | global:*=alice                           | samekey alice AKIABOBEXAMPLE000001",
        "bob-admin | global:*=alice                           | samekey alice AKIABOBEXAMPLE000001",
        "bob       | global:x=alice                           | error still has its own keys",
        "bob       | global:*=alice global:bob=bob            | serve bob global",
        "bob-admin | session:*=ci global:bob=bob              | serve bob global",
        "carol     | global:bob=bob                           | error still has its own keys",
        "dev-admn  | global:*=alice                           | error could not be found",
        "nosuch    | ''                                       | error could not be found",
        "gone      | global:gone=g                            | serve g global",
        "default   | ''                                       | notsetup",
        "plain     | global:bob=bob                           | error map other profiles only",
        "sso-dev   | global:*=alice                           | sso sso_start_url",
        "sso-dev   | ''                                       | sso sso_start_url",
        "web       | global:*=alice                           | aws web_identity_token_file",
        "tool      | global:*=alice                           | aws credential_process",
        "ks        | global:*=alice                           | serve alice global",
      })
  void chooses_one_credential_per_root_and_never_a_substitute(
      String profile, String scopes, String outcome) throws Exception {
    Files.writeString(tmp.resolve("config"), CONFIG);
    Files.writeString(tmp.resolve("credentials"), CREDENTIALS);
    ProfileChainResolver files =
        ProfileChainResolver.load(
            new AwsConfigFiles(tmp.resolve("config"), tmp.resolve("credentials")));
    ScopeEntries entries = scopes(scopes);
    String[] want = outcome.split(" ", 2);
    switch (want[0]) {
      case "serve" -> {
        CredentialChoice.Serve s =
            (CredentialChoice.Serve)
                CredentialChoice.choose(profile, files, entries, "~/.aws/credentials");
        assertEquals(
            want[1], s.entry().ref().item().itemId() + " " + s.entry().from().scope().id());
      }
      case "samekey" -> {
        CredentialChoice.Serve s =
            (CredentialChoice.Serve)
                CredentialChoice.choose(profile, files, entries, "~/.aws/credentials");
        String[] w = want[1].split(" ");
        assertEquals(w[0], s.entry().ref().item().itemId());
        assertEquals(java.util.Optional.of(w[1]), s.sameKeyAs());
        s.checkItemKey(w[1], "f"); // the same key: served
        KeyshellException e =
            assertThrows(KeyshellException.class, () -> s.checkItemKey("AKIAOTHER", "f"));
        assertTrue(e.getMessage().contains("still has its own keys"), e.getMessage());
      }
      case "sso" -> {
        CredentialChoice.Outcome o =
            CredentialChoice.choose(profile, files, entries, "~/.aws/credentials");
        assertTrue(o instanceof CredentialChoice.ServeSso, o.toString());
        assertEquals(want[1], o.chain().rootSource().setting());
      }
      case "aws" -> {
        CredentialChoice.Outcome o =
            CredentialChoice.choose(profile, files, entries, "~/.aws/credentials");
        assertTrue(o instanceof CredentialChoice.LeaveToAws, o.toString());
        assertEquals(want[1], o.chain().rootSource().setting());
      }
      case "notsetup" ->
          assertThrows(
              CredentialChoice.NotSetUp.class,
              () -> CredentialChoice.choose(profile, files, entries, "~/.aws/credentials"));
      default -> {
        KeyshellException e =
            assertThrows(
                KeyshellException.class,
                () -> CredentialChoice.choose(profile, files, entries, "~/.aws/credentials"));
        assertTrue(e.getMessage().contains(want[1]), e.getMessage());
        assertTrue(e.hint() != null && !e.hint().isBlank());
      }
    }
  }
}
