package dev.keyshell.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.PasswordBasedDecrypter;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The long-lived key of a profile in aws-vault's file backend: one file per keyring key in {@code
 * AWS_VAULT_FILE_DIR} (else {@code ~/.awsvault/keys}), a compact JWE (PBES2-HS256+A128KW, A256GCM)
 * written by 99designs/keyring over a keyring item whose {@code Data} is aws-vault's credentials
 * JSON. Decrypted with nimbus-jose-jwt. The keychain, secret-service, pass and other backends are
 * not read.
 */
public final class AwsVaultKeys {
  /** Where aws-vault itself takes the passphrase from, before it asks. */
  public static final String PASSPHRASE = "AWS_VAULT_FILE_PASSPHRASE";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Keyring keys that are not a profile's long-lived key: aws-vault's cached sessions (current
   * {@code type,b64(profile),b64(serial),expiry} and older forms) and its SSO tokens ({@code
   * oidc:...}), which {@code aws-vault list} leaves out of the credentials too.
   */
  private static final Pattern NOT_A_PROFILE =
      Pattern.compile("[^,]+,[^,]+,[^,]*,\\d+|session:.*|.+ session \\(\\d+\\)|oidc:.*");

  /** A profile's key read from the file backend, for {@code plugin init}. */
  public record Imported(String profile, ImportedKeys keys) {
    @Override
    public String toString() {
      return "AwsVaultKeys.Imported[" + profile + ", " + keys + "]";
    }
  }

  /** The passphrase was not the file's: asked again on a terminal, one line otherwise. */
  public static final class WrongPassphrase extends KeyshellException {
    private static final long serialVersionUID = 1L;

    WrongPassphrase(String where) {
      super(
          "wrong passphrase for " + where,
          "use the passphrase aws-vault asks for (or " + PASSPHRASE + ")");
    }
  }

  private final Path dir;

  public AwsVaultKeys(Path dir) {
    this.dir = dir;
  }

  /** {@code AWS_VAULT_FILE_DIR}, else {@code ~/.awsvault/keys}, as aws-vault finds it. */
  public static AwsVaultKeys of(Env env) {
    return new AwsVaultKeys(
        env.get("AWS_VAULT_FILE_DIR")
            .map(d -> d.startsWith("~") ? env.home() + d.substring(1) : d)
            .map(Path::of)
            .orElse(env.home().resolve(".awsvault/keys")));
  }

  public Path dir() {
    return dir;
  }

  /**
   * The profiles whose long-lived key the file backend holds, as {@code aws-vault list} names them
   * (one file each; sessions and SSO tokens left out), sorted; none when there is no such
   * directory. Nothing is decrypted.
   */
  public List<String> profiles() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !NOT_A_PROFILE.matcher(n).matches())
          .sorted()
          .forEach(names::add);
    } catch (IOException e) {
      return List.of(); // a directory keyshell cannot list offers nothing to import
    }
    return names;
  }

  /** The key pair aws-vault keeps for {@code profile}; {@code passphrase} is cleared after. */
  public ImportedKeys read(String profile, char[] passphrase) {
    if (profile.contains("/") || profile.startsWith(".")) {
      throw KeyshellException.usage("'" + profile + "' is not a profile name", null);
    }
    Path file = dir.resolve(profile);
    String where = "aws-vault's file backend (" + file + ")";
    byte[] pass = null;
    try {
      JWEObject jwe = JWEObject.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
      if (!JWEAlgorithm.PBES2_HS256_A128KW.equals(jwe.getHeader().getAlgorithm())
          || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
        throw new KeyshellException(
            where + " is not encrypted as aws-vault's file backend encrypts", null);
      }
      pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
      try {
        jwe.decrypt(new PasswordBasedDecrypter(pass));
      } catch (JOSEException e) {
        throw new WrongPassphrase(where);
      }
      return keys(jwe.getPayload().toString(), where);
    } catch (NoSuchFileException e) {
      throw new KeyshellException(
          "aws-vault's file backend has no key for profile '" + profile + "' in " + dir,
          "list them with: aws-vault list (only the file backend is read: see docs/import.md)");
    } catch (IOException | ParseException e) {
      throw new KeyshellException(
          "cannot read " + where + ": " + e.getMessage(), "check the file aws-vault wrote");
    } finally {
      Arrays.fill(passphrase, '\0');
      if (pass != null) {
        Arrays.fill(pass, (byte) 0);
      }
    }
  }

  /** A keyring item: {@code Data} is base64 of aws-vault's {@code AccessKeyID}/... JSON. */
  private static ImportedKeys keys(String item, String where) throws IOException {
    JsonNode data =
        JSON.readTree(Base64.getDecoder().decode(JSON.readTree(item).path("Data").asText()));
    String id = data.path("AccessKeyID").asText("");
    String secret = data.path("SecretAccessKey").asText("");
    if (id.isBlank() || secret.isBlank()) {
      throw new KeyshellException(where + " holds no AccessKeyID and SecretAccessKey", null);
    }
    if (!data.path("SessionToken").asText("").isEmpty()) {
      throw new KeyshellException(
          where + " holds temporary credentials (a session token) that would expire",
          "import the profile's long-lived key instead");
    }
    ImportedKeys.requireLongLived(id, where);
    return new ImportedKeys(id, secret, Optional.empty());
  }
}
