package dev.keyshell.vault;

import static dev.keyshell.vault.TestVaults.PASSPHRASE;
import static dev.keyshell.vault.TestVaults.SECRET;
import static dev.keyshell.vault.TestVaults.awsFields;
import static dev.keyshell.vault.TestVaults.unattended;
import static dev.keyshell.vault.TestVaults.vaultFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVaultStoreTest {
  @TempDir Path root;

  @Test
  void round_trips_a_login_item_through_the_encrypted_file() throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    Item item = unattended(root).read(ref);

    assertEquals(new ItemRef(StoreKind.LOCAL, null, "local", ref.itemId()), ref);
    assertEquals(26, ref.itemId().length());
    assertEquals("work", item.title());
    assertEquals(Item.LOGIN, item.category());
    assertEquals("Private", item.vaultName());
    AwsKeys keys = AwsKeys.from(item);
    assertEquals("AKIAIOSFODNN7EXAMPLE", keys.accessKeyId());
    assertEquals(SECRET, keys.secretAccessKey());
    assertEquals(FieldType.OTP, keys.otp().orElseThrow().type());
    assertEquals("JBSWY3DPEHPK3PXP", keys.otp().orElseThrow().value());
    String onDisk = new String(Files.readAllBytes(vaultFile(root)), StandardCharsets.ISO_8859_1);
    assertFalse(onDisk.contains(SECRET) || onDisk.contains("AKIAIOSFODNN7EXAMPLE"));
    assertFalse(onDisk.contains("work"), "titles are encrypted too");
  }

  @Test
  void search_lists_matching_titles_without_values() {
    Store store = unattended(root);
    assertEquals(List.of(), store.search("", null), "no vault yet: nothing, and nothing asked");
    store.create("prod admin", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    store.create("dev", "Private", awsFields("AKIAI44QH8DHBEXAMPLE"));

    List<Store.ItemSummary> all = unattended(root).search(" ", null);
    List<Store.ItemSummary> prod = unattended(root).search("PROD", "local");

    assertEquals(2, all.size());
    assertEquals(1, prod.size());
    assertEquals("prod admin", prod.get(0).title());
    assertEquals("Private", prod.get(0).vaultName());
    assertFalse(prod.toString().contains(SECRET));
  }

  @Test
  void resolves_by_id_or_by_title_ignoring_case() {
    ItemRef ref = unattended(root).create("Work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    assertEquals(ref, unattended(root).resolve(ref.itemId(), null));
    assertEquals(ref, unattended(root).resolve("work", null));
  }

  @Test
  void refuses_an_ambiguous_title_naming_the_candidates() {
    ItemRef a = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    ItemRef b = unattended(root).create("work", null, awsFields("AKIAI44QH8DHBEXAMPLE"));

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> unattended(root).resolve("work", null));

    assertTrue(e.getMessage().contains(a.itemId()) && e.getMessage().contains(b.itemId()));
    assertTrue(e.hint().contains("id"));
  }

  @Test
  void reports_a_missing_item_or_vault_with_a_hint() {
    KeyshellException noVault =
        assertThrows(KeyshellException.class, () -> unattended(root).resolve("work", null));
    assertTrue(noVault.getMessage().contains("no local vault"));
    assertTrue(noVault.hint().contains("keyshell plugin init aws --store local"));

    unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    KeyshellException none =
        assertThrows(KeyshellException.class, () -> unattended(root).resolve("play", null));
    assertTrue(none.getMessage().contains("no item 'play'"));
    assertTrue(none.hint() != null && !none.hint().isBlank());
  }

  @Test
  void refuses_a_vault_other_than_its_one() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> unattended(root).create("work", "Shared", awsFields("AKIAIOSFODNN7EXAMPLE")));
    assertTrue(e.getMessage().contains("Shared"));
    assertFalse(Files.exists(vaultFile(root)));
  }

  @Test
  void wrong_passphrase_is_refused_and_leaves_the_file_byte_identical() throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    byte[] before = Files.readAllBytes(vaultFile(root));
    Store wrong =
        TestVaults.store(
            root, ScriptedPrompter.noTerminal(), Passphrases.ENV, "not the passphrase");

    KeyshellException onRead = assertThrows(KeyshellException.class, () -> wrong.read(ref));
    KeyshellException onCreate =
        assertThrows(
            KeyshellException.class,
            () -> wrong.create("other", null, awsFields("AKIAI44QH8DHBEXAMPLE")));

    assertTrue(onRead.getMessage().startsWith("wrong passphrase"), onRead.getMessage());
    assertTrue(onCreate.getMessage().startsWith("wrong passphrase"));
    assertTrue(onRead.hint().contains(Passphrases.ENV));
    assertArrayEquals(before, Files.readAllBytes(vaultFile(root)));
  }

  @Test
  void on_a_terminal_a_wrong_passphrase_is_asked_again() {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    ScriptedPrompter person = ScriptedPrompter.typing("typo typo", PASSPHRASE);

    Item item = TestVaults.store(root, person).read(ref);

    assertEquals("work", item.title());
    assertEquals(2, person.asked.size());
    assertTrue(person.said.stream().anyMatch(l -> l.contains("wrong passphrase")));
  }

  @Test
  void a_new_vault_asks_for_the_passphrase_twice_on_the_terminal() {
    ScriptedPrompter person = ScriptedPrompter.typing(PASSPHRASE, PASSPHRASE);

    ItemRef ref =
        TestVaults.store(root, person).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    assertEquals(2, person.asked.size());
    assertEquals("work", unattended(root).read(ref).title());
  }

  @Test
  void a_mistyped_new_passphrase_is_asked_again() {
    ScriptedPrompter person =
        ScriptedPrompter.typing("short", PASSPHRASE, PASSPHRASE + "x", PASSPHRASE, PASSPHRASE);
    ItemRef ref =
        TestVaults.store(root, person).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    assertEquals(5, person.asked.size());
    assertEquals("work", unattended(root).read(ref).title());
  }

  @Test
  void a_new_vault_refuses_differing_or_short_passphrases_after_three_tries() {
    KeyshellException differ =
        assertThrows(
            KeyshellException.class,
            () ->
                TestVaults.store(
                        root,
                        ScriptedPrompter.typing(
                            PASSPHRASE,
                            PASSPHRASE + "x",
                            PASSPHRASE,
                            PASSPHRASE + "y",
                            PASSPHRASE,
                            PASSPHRASE + "z"))
                    .create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE")));
    KeyshellException shortOne =
        assertThrows(
            KeyshellException.class,
            () ->
                TestVaults.store(root, ScriptedPrompter.typing("short", "short", "short"))
                    .create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE")));
    KeyshellException shortEnv =
        assertThrows(
            KeyshellException.class,
            () ->
                TestVaults.store(root, ScriptedPrompter.noTerminal(), Passphrases.ENV, "1234567")
                    .create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE")));

    assertTrue(differ.getMessage().contains("differ"));
    assertTrue(shortOne.getMessage().contains("shorter than 8"));
    assertTrue(shortEnv.getMessage().contains(Passphrases.ENV));
    assertFalse(shortEnv.getMessage().contains("1234567"));
    assertFalse(Files.exists(vaultFile(root)));
  }

  @Test
  void without_a_terminal_or_the_variable_the_hint_names_KEYSHELL_VAULT_PASSPHRASE() {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> TestVaults.store(root, ScriptedPrompter.noTerminal()).read(ref));

    assertTrue(e.getMessage().contains("no terminal"));
    assertTrue(e.hint().contains("KEYSHELL_VAULT_PASSPHRASE"));
  }

  @Test
  void every_write_uses_a_fresh_nonce_and_keeps_the_header() throws Exception {
    Store store = unattended(root);
    store.create("one", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    byte[] first = Files.readAllBytes(vaultFile(root));
    store.create("two", null, awsFields("AKIAI44QH8DHBEXAMPLE"));
    byte[] second = Files.readAllBytes(vaultFile(root));

    VaultHeader header = VaultHeader.parse(first, 1, Integer.MAX_VALUE);
    int h = header.length();
    assertArrayEquals(Arrays.copyOf(first, h), Arrays.copyOf(second, h));
    assertFalse(
        Arrays.equals(
            Arrays.copyOfRange(first, h, h + VaultCipher.NONCE),
            Arrays.copyOfRange(second, h, h + VaultCipher.NONCE)));
    assertEquals(2, unattended(root).search("", null).size());
  }

  @Test
  void a_vault_keeps_items_of_other_fields_and_types() {
    ItemRef ref =
        unattended(root)
            .create(
                "api",
                null,
                List.of(
                    new dev.keyshell.item.Field(
                        "username", FieldType.STRING, "AKIAIOSFODNN7EXAMPLE"),
                    new dev.keyshell.item.Field("note", FieldType.OTHER, null)));

    Item item = unattended(root).read(ref);

    assertEquals(FieldType.OTHER, item.field("note").orElseThrow().type());
    assertNull(item.field("note").orElseThrow().value());
    assertEquals("AKIAIOSFODNN7EXAMPLE", item.field("USERNAME").orElseThrow().value());
  }
}
