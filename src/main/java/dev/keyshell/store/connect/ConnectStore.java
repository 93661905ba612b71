package dev.keyshell.store.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.OnePasswordJson;
import dev.keyshell.store.Store;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Items on a 1Password Connect server ({@code OP_CONNECT_HOST}, {@code OP_CONNECT_TOKEN}). A
 * reference's account is the host, so an item is never looked up on another server.
 */
public final class ConnectStore implements Store {
  /** The bound on one HTTP exchange. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private static final Pattern ID = Pattern.compile("[a-z0-9]{26}");

  private final ConnectClient client;
  private final java.util.Map<String, String> vaultNames = new java.util.HashMap<>();

  public ConnectStore(Env env) {
    this(env, DEFAULT_TIMEOUT);
  }

  public ConnectStore(Env env, Duration timeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the token away
            .build();
    this.client =
        new ConnectClient(ConnectSettings.host(env), ConnectSettings.token(env), http, timeout);
  }

  /**
   * Whether {@code OP_CONNECT_HOST} is set: the user means Connect, and a missing token is then
   * better reported than silently passed over for the local vault.
   */
  public static boolean configured(Env env) {
    return env.get("OP_CONNECT_HOST").isPresent();
  }

  @Override
  public StoreKind kind() {
    return StoreKind.CONNECT;
  }

  @Override
  public Item read(ItemRef ref) {
    Item item = OnePasswordJson.item(client.get(itemPath(ref), "item " + ref.itemId()));
    // An item names its vault by id only; the name is known when this store looked the vault up
    // (init does), and not worth a request at run time, where nobody reads it.
    String vaultName =
        item.vaultName() != null
            ? item.vaultName()
            : vaultNames.getOrDefault(item.vaultId(), item.vaultId());
    return new Item(
        item.id(), item.title(), item.vaultId(), vaultName, item.category(), item.fields());
  }

  @Override
  public List<ItemSummary> search(String query, String vault) {
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<ItemSummary> found = new ArrayList<>();
    for (JsonNode v : vaults(vault)) {
      for (ItemSummary s : items(v, "")) {
        if (s.title() != null && s.title().toLowerCase(Locale.ROOT).contains(needle)) {
          found.add(s);
        }
      }
    }
    return found;
  }

  @Override
  public ItemRef resolve(String titleOrId, String vault) {
    List<ItemSummary> matches = new ArrayList<>();
    List<JsonNode> vaults = vaults(vault);
    for (JsonNode v : vaults) {
      matches.addAll(items(v, ConnectClient.filter("title", titleOrId)));
    }
    if (matches.isEmpty() && ID.matcher(titleOrId).matches()) {
      for (JsonNode v : vaults) {
        items(v, "").stream().filter(s -> titleOrId.equals(s.ref().itemId())).forEach(matches::add);
      }
    }
    if (matches.isEmpty()) {
      throw new KeyshellException(
          "no item titled '"
              + titleOrId
              + "' on the Connect server at "
              + client.host()
              + (vault == null ? "" : " in vault " + vault),
          "check the title, or that the Connect token can see the item's vault");
    }
    if (matches.size() > 1) {
      throw new KeyshellException(
          "more than one item on the Connect server matches '"
              + titleOrId
              + "': "
              + matches.stream()
                  .map(
                      s ->
                          "'"
                              + s.title()
                              + "' in vault "
                              + s.vaultName()
                              + " (id "
                              + s.ref().itemId()
                              + ")")
                  .collect(Collectors.joining(", ")),
          "name the item by its id, or pass --vault");
    }
    return matches.get(0).ref();
  }

  @Override
  public ItemRef create(String title, String vault, List<Field> fields) {
    List<JsonNode> vaults = vaults(vault);
    if (vaults.size() != 1) {
      throw new KeyshellException(
          "the Connect token sees " + vaults.size() + " vaults; which one should hold the item?",
          "name the vault with --vault");
    }
    String vaultId = OnePasswordJson.text(vaults.get(0), "id");
    ObjectNode body = OnePasswordJson.loginTemplate(title, fields);
    body.putObject("vault").put("id", vaultId);
    JsonNode created =
        client.post(
            "/v1/vaults/" + ConnectClient.encode(vaultId) + "/items", body, "vault " + vaultId);
    return new ItemRef(
        StoreKind.CONNECT, client.host(), vaultId, OnePasswordJson.text(created, "id"));
  }

  /**
   * GET the item, apply the edits to it as Connect returned it, PUT it back whole: every part of
   * the item keyshell does not model goes back unchanged.
   */
  @Override
  public void edit(ItemRef ref, List<FieldEdit> edits) {
    String path = itemPath(ref);
    JsonNode current = client.get(path, "item " + ref.itemId());
    client.put(path, OnePasswordJson.edited(current, edits), "item " + ref.itemId());
  }

  private String itemPath(ItemRef ref) {
    if (ref.account() != null && !ConnectSettings.sameHost(ref.account(), client.host())) {
      throw new KeyshellException(
          "the item is on the Connect server at " + ref.account() + ", not " + client.host(),
          "set OP_CONNECT_HOST to " + ref.account() + ", or run: keyshell plugin init aws");
    }
    return "/v1/vaults/"
        + ConnectClient.encode(ref.vaultId())
        + "/items/"
        + ConnectClient.encode(ref.itemId());
  }

  /** GET /v1/vaults: the vaults the token was granted. */
  @Override
  public List<VaultSummary> vaults() {
    List<VaultSummary> out = new ArrayList<>();
    for (JsonNode v : vaults(null)) {
      String id = OnePasswordJson.text(v, "id");
      String name = OnePasswordJson.text(v, "name");
      if (id != null && !id.isBlank()) {
        out.add(new VaultSummary(id, name != null && !name.isBlank() ? name : id));
      }
    }
    return out;
  }

  /** All vaults the token sees, or the one named (by name, else by id). */
  private List<JsonNode> vaults(String vault) {
    List<JsonNode> found = lookUpVaults(vault);
    for (JsonNode v : found) {
      if (v.hasNonNull("id") && v.hasNonNull("name")) {
        vaultNames.put(v.get("id").asText(), v.get("name").asText());
      }
    }
    return found;
  }

  private List<JsonNode> lookUpVaults(String vault) {
    if (vault == null || vault.isBlank()) {
      return list(client.get("/v1/vaults", "the vault list"));
    }
    List<JsonNode> named =
        list(client.get("/v1/vaults" + ConnectClient.filter("name", vault), "vault " + vault));
    if (named.isEmpty() && ID.matcher(vault).matches()) {
      named = List.of(client.get("/v1/vaults/" + ConnectClient.encode(vault), "vault " + vault));
    }
    if (named.isEmpty()) {
      throw new KeyshellException(
          "no vault '" + vault + "' on the Connect server at " + client.host(),
          "check the vault name; a Connect token sees only the vaults it was granted");
    }
    return named;
  }

  /** The live items of a vault (archived and deleted ones left out), with {@code query}. */
  private List<ItemSummary> items(JsonNode vault, String query) {
    String id = OnePasswordJson.text(vault, "id");
    String name = OnePasswordJson.text(vault, "name");
    List<ItemSummary> out = new ArrayList<>();
    for (JsonNode item :
        client.get(
            "/v1/vaults/" + ConnectClient.encode(id) + "/items" + query,
            "vault " + (name != null ? name : id))) {
      String state = OnePasswordJson.text(item, "state");
      if (state == null || state.isBlank()) {
        out.add(OnePasswordJson.summary(item, StoreKind.CONNECT, client.host(), name));
      }
    }
    return out;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
