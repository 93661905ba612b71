package dev.keyshell.store.op;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.proc.Executables;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.OnePasswordJson;
import dev.keyshell.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Items in 1Password through the 1Password CLI v2 ({@code op}, always {@code --format json}).
 * Unlock is the desktop app's (biometric) prompt, which is why the default time bound is long.
 * Secrets go to {@code op} on stdin only.
 */
public final class OpStore implements Store {
  /** How long one {@code op} call may take: the app's biometric prompt may be waiting. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Overrides {@link #DEFAULT_TIMEOUT}, in whole seconds. */
  public static final String TIMEOUT_VARIABLE = "KEYSHELL_OP_TIMEOUT";

  private static final Duration WHOAMI_TIMEOUT = Duration.ofSeconds(5);

  private final Env env;
  private final ProcessRunner runner;
  private final Duration timeout;

  /** The store with the time bound from {@value #TIMEOUT_VARIABLE}, else the default. */
  public OpStore(Env env, ProcessRunner runner) {
    this(env, runner, timeout(env));
  }

  public OpStore(Env env, ProcessRunner runner, Duration timeout) {
    this.env = env;
    this.runner = runner;
    this.timeout = timeout;
  }

  @Override
  public StoreKind kind() {
    return StoreKind.OP;
  }

  /** Whether {@code op} is installed and {@code op whoami} answers (a short bound, no prompt). */
  public boolean signedIn() {
    return quietly(List.of("whoami")).isPresent();
  }

  /**
   * Whether {@code op} can be used here: signed in, or with at least one account added. With the
   * desktop app integration, {@code op whoami} fails until a command in this terminal has been
   * authorized, yet the next {@code op item get} simply shows the app's unlock prompt; {@code op
   * account list} needs no authorization and lists the app's accounts.
   */
  public boolean usable() {
    if (signedIn()) {
      return true;
    }
    Optional<JsonNode> accounts = quietly(List.of("account", "list"));
    return accounts.isPresent() && accounts.get().isArray() && !accounts.get().isEmpty();
  }

  @Override
  public Item read(ItemRef ref) {
    List<String> args = new ArrayList<>(List.of("item", "get", ref.itemId()));
    addVault(args, ref.vaultId());
    addAccount(args, ref.account());
    return OnePasswordJson.item(json(args, null, "'" + ref.itemId() + "'"));
  }

  @Override
  public List<ItemSummary> search(String query, String vault) {
    List<String> args = new ArrayList<>(List.of("item", "list"));
    addVault(args, vault);
    String account = addAccount(args, null);
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<ItemSummary> found = new ArrayList<>();
    for (JsonNode node : json(args, null, "list")) {
      ItemSummary s = OnePasswordJson.summary(node, StoreKind.OP, account, null);
      if (s.title() != null && s.title().toLowerCase(Locale.ROOT).contains(needle)) {
        found.add(s);
      }
    }
    return found;
  }

  /**
   * {@code op item edit ID} with the whole item, as {@code op item get} returned it and with the
   * edits applied, on stdin: secrets never go on argv, and no other part of the item changes.
   */
  @Override
  public void edit(ItemRef ref, List<FieldEdit> edits) {
    List<String> get = new ArrayList<>(List.of("item", "get", ref.itemId()));
    addVault(get, ref.vaultId());
    addAccount(get, ref.account());
    JsonNode current = json(get, null, "'" + ref.itemId() + "'");
    List<String> args = new ArrayList<>(List.of("item", "edit", ref.itemId()));
    addVault(args, ref.vaultId());
    addAccount(args, ref.account());
    byte[] template;
    try {
      template = OnePasswordJson.MAPPER.writeValueAsBytes(OnePasswordJson.edited(current, edits));
    } catch (JsonProcessingException e) {
      throw new KeyshellException("cannot write the item template", null, e);
    }
    try {
      json(args, template, "'" + ref.itemId() + "'");
    } finally {
      java.util.Arrays.fill(template, (byte) 0);
    }
  }

  /** {@code op vault list}: the vaults the signed-in account sees. */
  @Override
  public List<VaultSummary> vaults() {
    List<String> args = new ArrayList<>(List.of("vault", "list"));
    addAccount(args, null);
    List<VaultSummary> out = new ArrayList<>();
    for (JsonNode v : json(args, null, "the vault list")) {
      String id = OnePasswordJson.text(v, "id");
      String name = OnePasswordJson.text(v, "name");
      if (id != null && !id.isBlank()) {
        out.add(new VaultSummary(id, name != null && !name.isBlank() ? name : id));
      }
    }
    return out;
  }

  /** Asks {@code op item get}, which matches ids and titles as the user knows them from op. */
  @Override
  public ItemRef resolve(String titleOrId, String vault) {
    List<String> args = new ArrayList<>(List.of("item", "get", titleOrId));
    addVault(args, vault);
    String account = addAccount(args, null);
    Item item = OnePasswordJson.item(json(args, null, "'" + titleOrId + "'"));
    return new ItemRef(StoreKind.OP, accountId(account), item.vaultId(), item.id());
  }

  @Override
  public ItemRef create(String title, String vault, List<Field> fields) {
    List<String> args = new ArrayList<>(List.of("item", "create"));
    addVault(args, vault);
    String account = addAccount(args, null);
    args.add("-"); // the item template, secrets included, comes on stdin
    byte[] template;
    try {
      template =
          OnePasswordJson.MAPPER.writeValueAsBytes(OnePasswordJson.loginTemplate(title, fields));
    } catch (JsonProcessingException e) {
      throw new KeyshellException("cannot write the item template", null, e);
    }
    try {
      JsonNode created = json(args, template, "'" + title + "'");
      return new ItemRef(
          StoreKind.OP,
          accountId(account),
          OnePasswordJson.text(created.path("vault"), "id"),
          OnePasswordJson.text(created, "id"));
    } finally {
      java.util.Arrays.fill(template, (byte) 0);
    }
  }

  /**
   * The account to record in a reference, so a later read goes to the same account whatever {@code
   * OP_ACCOUNT} or op's default is then: the account id {@code op whoami} names (op has just been
   * authorized, so it answers), else {@code chosen} ({@code OP_ACCOUNT}, or null for op's default).
   * A service account names no account id: its token decides.
   */
  private String accountId(String chosen) {
    List<String> args = new ArrayList<>(List.of("whoami"));
    addAccount(args, chosen);
    return quietly(args)
        .map(who -> OnePasswordJson.text(who, "account_uuid"))
        .filter(id -> !id.isBlank())
        .orElse(chosen);
  }

  /** Runs a question that may fail, briefly; empty when it fails in any way. */
  private Optional<JsonNode> quietly(List<String> args) {
    if (executable().isEmpty()) {
      return Optional.empty();
    }
    try {
      ProcessResult result = exec(args, null, minimum(timeout, WHOAMI_TIMEOUT));
      return result.ok()
          ? Optional.of(OnePasswordJson.MAPPER.readTree(result.stdout()))
          : Optional.empty();
    } catch (KeyshellException | IOException e) {
      return Optional.empty();
    }
  }

  /** The bound on one {@code op} call: {@value #TIMEOUT_VARIABLE} seconds, else 60 s. */
  static Duration timeout(Env env) {
    Optional<String> raw = env.get(TIMEOUT_VARIABLE);
    if (raw.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(raw.get().strip());
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new KeyshellException(
        TIMEOUT_VARIABLE + " must be a whole number of seconds above 0",
        "unset it for the default of " + DEFAULT_TIMEOUT.toSeconds() + " s, or set e.g. 120");
  }

  private JsonNode json(List<String> args, byte[] stdin, String subject) {
    ProcessResult result = exec(args, stdin, timeout);
    if (result.timedOut()) {
      throw new KeyshellException(
          "op did not answer within " + timeout.toSeconds() + " s and was stopped",
          "approve the 1Password prompt (it may be behind other windows), or check: op whoami");
    }
    if (result.tooMuchOutput()) {
      throw new KeyshellException(
          "op printed more than " + (ProcessRunner.MAX_STDOUT >> 20) + " MiB and was stopped",
          "check the 1Password CLI with: op --version (keyshell needs v2)");
    }
    if (result.exitCode() != 0) {
      throw OpErrors.from(result.stderr(), subject);
    }
    try {
      JsonNode tree = OnePasswordJson.MAPPER.readTree(result.stdout());
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new KeyshellException(
            "op printed nothing for " + subject + " (exit code 0)",
            "check the 1Password CLI with: op whoami, and op --version (keyshell needs v2)");
      }
      return tree;
    } catch (IOException e) {
      // never echo what op printed: it may hold an item's secrets
      throw new KeyshellException(
          "op printed something that is not JSON",
          "keyshell needs the 1Password CLI v2; check: op --version");
    }
  }

  private ProcessResult exec(List<String> args, byte[] stdin, Duration bound) {
    Path op =
        executable()
            .orElseThrow(
                () ->
                    new KeyshellException(
                        "the 1Password CLI (op) is not installed or not on PATH",
                        OpErrors.INSTALL_HINT));
    List<String> command = new ArrayList<>();
    command.add(op.toString());
    command.addAll(args);
    command.add("--format");
    command.add("json");
    Map<String, String> childEnv = OpEnvironment.of(env);
    try {
      return runner.run(command, childEnv, stdin == null ? new byte[0] : stdin, bound);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot run " + op + ": " + e.getMessage(), OpErrors.INSTALL_HINT, e);
    }
  }

  private Optional<Path> executable() {
    return Executables.find("op", env.vars().get("PATH"));
  }

  private static void addVault(List<String> args, String vault) {
    if (vault != null && !vault.isBlank()) {
      args.add("--vault");
      args.add(vault);
    }
  }

  /** Adds {@code --account} from the reference, else {@code OP_ACCOUNT}; returns the one used. */
  private String addAccount(List<String> args, String account) {
    String chosen =
        account != null && !account.isBlank() ? account : env.get("OP_ACCOUNT").orElse(null);
    if (chosen != null) {
      args.add("--account");
      args.add(chosen);
    }
    return chosen;
  }

  private static Duration minimum(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
