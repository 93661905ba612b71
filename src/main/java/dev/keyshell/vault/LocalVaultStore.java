package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.Store;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --store local}: keyshell's own encrypted vault, one file under the data dir holding Login
 * items in 1Password's shape, for machines without 1Password.
 */
public final class LocalVaultStore implements Store {
  public static final String VAULT_ID = "local";
  public static final String VAULT_NAME = "Private";

  /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256; production never goes below it. */
  static final int ITERATIONS = 600_000;

  static final int MAX_ITERATIONS = 50_000_000;

  private final VaultFile file;
  private final VaultUnlock unlock;
  private final int iterations;

  public LocalVaultStore(Env env, Dirs dirs, Prompter prompter) {
    this(env, dirs, prompter, ITERATIONS);
  }

  /** For tests only: a cheaper KDF, so a test suite does not spend minutes deriving keys. */
  LocalVaultStore(Env env, Dirs dirs, Prompter prompter, int iterations) {
    this.file = new VaultFile(dirs.data());
    this.unlock = new VaultUnlock(file.path(), env, dirs, prompter, iterations);
    this.iterations = iterations;
  }

  @Override
  public StoreKind kind() {
    return StoreKind.LOCAL;
  }

  @Override
  public Item read(ItemRef ref) {
    requireVault(ref.vaultId());
    return find(load(), ref);
  }

  private static Item find(VaultContents contents, ItemRef ref) {
    return contents.items().stream()
        .filter(i -> i.id().equals(ref.itemId()))
        .findFirst()
        .orElseThrow(
            () ->
                new KeyshellException(
                    "no item " + ref.itemId() + " in the local vault",
                    "run: keyshell plugin init aws --store local"));
  }

  @Override
  public List<ItemSummary> search(String query, String vault) {
    requireVault(vault);
    if (!file.exists()) {
      return List.of();
    }
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    return load().items().stream()
        .filter(i -> i.title() != null && i.title().toLowerCase(Locale.ROOT).contains(q))
        .map(i -> new ItemSummary(ref(i.id()), i.title(), VAULT_NAME))
        .toList();
  }

  @Override
  public ItemRef resolve(String titleOrId, String vault) {
    requireVault(vault);
    if (!file.exists()) {
      throw noVault();
    }
    List<Item> items = load().items();
    String wanted = titleOrId.strip();
    List<Item> matches = items.stream().filter(i -> i.id().equals(wanted)).toList();
    if (matches.isEmpty()) {
      matches = items.stream().filter(i -> wanted.equalsIgnoreCase(i.title())).toList();
    }
    if (matches.size() == 1) {
      return ref(matches.get(0).id());
    }
    if (matches.isEmpty()) {
      throw new KeyshellException(
          "no item '" + wanted + "' in the local vault",
          "list items with: keyshell plugin init aws --store local, or import one with it");
    }
    String candidates =
        matches.stream()
            .map(i -> i.title() + " (" + i.id() + ")")
            .collect(Collectors.joining(", "));
    throw new KeyshellException(
        "more than one item is titled '" + wanted + "' in the local vault: " + candidates,
        "name the item by its id instead");
  }

  @Override
  public ItemRef create(String title, String vault, List<Field> fields) {
    requireVault(vault);
    if (title == null || title.isBlank()) {
      throw KeyshellException.usage("an item needs a title", "pass --title");
    }
    try (SecureFiles.Lock lock = file.lock()) {
      file.removeLeftovers();
      VaultHeader header;
      VaultContents contents;
      boolean fresh = !file.exists();
      if (fresh) {
        header = unlock.initialise();
        contents = VaultContents.empty();
      } else {
        byte[] bytes = file.read();
        header = parse(bytes);
        contents = decrypt(bytes, header);
      }
      List<Field> stored = new ArrayList<>();
      for (Field f : fields) {
        stored.add(new Field(Ids.next(), f.label(), f.type(), f.value(), null));
      }
      Item item = new Item(Ids.next(), title.strip(), VAULT_ID, VAULT_NAME, Item.LOGIN, stored);
      contents.add(item);
      byte[] plaintext = contents.encode();
      try {
        file.write(VaultCipher.seal(header, unlock.keyFor(header), plaintext));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      if (fresh) {
        unlock.keepForSession();
      }
      return ref(item.id());
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot release the lock of the local vault: " + e.getMessage(), null, e);
    }
  }

  /** Every item of the vault (for {@code keyshell vault list}); a missing vault is an error. */
  public List<Item> items() {
    return load().items();
  }

  /**
   * {@code keyshell vault passwd}: the vault re-encrypted under a new passphrase and salt, in one
   * atomic replace under the writer lock, so a crash leaves the old vault or the new one.
   */
  public void changePassphrase() {
    try (SecureFiles.Lock lock = file.lock()) {
      file.removeLeftovers();
      if (!file.exists()) {
        throw noVault();
      }
      byte[] bytes = file.read();
      VaultContents contents = decrypt(bytes, parse(bytes)); // the old passphrase, checked
      VaultHeader fresh = unlock.rekey();
      byte[] plaintext = contents.encode();
      try {
        file.write(VaultCipher.seal(fresh, unlock.keyFor(fresh), plaintext));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      unlock.keepForSession(); // the session's unlock now holds the new key
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot release the lock of the local vault: " + e.getMessage(), null, e);
    }
  }

  /** Rewrites the vault with the item's fields edited: locked, sealed and replaced atomically. */
  @Override
  public void edit(ItemRef ref, List<FieldEdit> edits) {
    requireVault(ref.vaultId());
    try (SecureFiles.Lock lock = file.lock()) {
      file.removeLeftovers();
      if (!file.exists()) {
        throw noVault();
      }
      byte[] bytes = file.read();
      VaultHeader header = parse(bytes);
      VaultContents contents = decrypt(bytes, header);
      Item item = find(contents, ref);
      contents.replace(
          new Item(
              item.id(),
              item.title(),
              item.vaultId(),
              item.vaultName(),
              item.category(),
              FieldEdit.apply(item.fields(), edits, Ids::next)));
      byte[] plaintext = contents.encode();
      try {
        file.write(VaultCipher.seal(header, unlock.keyFor(header), plaintext));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot release the lock of the local vault: " + e.getMessage(), null, e);
    }
  }

  private VaultContents load() {
    if (!file.exists()) {
      throw noVault();
    }
    byte[] bytes = file.read();
    return decrypt(bytes, parse(bytes));
  }

  private VaultHeader parse(byte[] bytes) {
    try {
      return VaultHeader.parse(bytes, Math.min(iterations, ITERATIONS), MAX_ITERATIONS);
    } catch (VaultHeader.Damaged e) {
      throw file.damaged(e.getMessage());
    }
  }

  private VaultContents decrypt(byte[] bytes, VaultHeader header) {
    VaultKey key = unlock.keyFor(header);
    byte[] plaintext = null;
    try {
      plaintext = VaultCipher.open(bytes, header, key);
      return VaultContents.decode(plaintext);
    } catch (VaultHeader.Damaged | IOException e) {
      throw file.damaged(e.getMessage());
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  private static void requireVault(String vault) {
    if (vault != null
        && !vault.isBlank()
        && !vault.strip().equalsIgnoreCase(VAULT_ID)
        && !vault.strip().equalsIgnoreCase(VAULT_NAME)) {
      throw new KeyshellException(
          "the local store has no vault '" + vault + "'",
          "leave --vault out, or use '" + VAULT_NAME + "': the local store has one vault");
    }
  }

  private KeyshellException noVault() {
    return new KeyshellException(
        "there is no local vault yet (" + file.path() + ")",
        "create it by importing a credential: keyshell plugin init aws --store local");
  }

  private static ItemRef ref(String itemId) {
    return new ItemRef(StoreKind.LOCAL, null, VAULT_ID, itemId);
  }
}
