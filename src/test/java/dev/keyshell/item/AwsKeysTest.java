package dev.keyshell.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyshell.core.KeyshellException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsKeysTest {
  private static Item item(String category, Field... fields) {
    return new Item("id1", "Work AWS", "v", "Private", category, List.of(fields));
  }

  @Test
  void reads_the_op_plugin_labels_case_insensitively() {
    AwsKeys k =
        AwsKeys.from(
            item(
                Item.LOGIN,
                new Field("access key id", FieldType.STRING, " AKIAIOSFODNN7EXAMPLE "),
                new Field("SECRET ACCESS KEY", FieldType.CONCEALED, "s3cr3t"),
                new Field("Default Region", FieldType.STRING, "eu-west-1"),
                new Field("mfa serial", FieldType.STRING, "arn:aws:iam::1:mfa/me"),
                new Field(null, "One-Time Password", FieldType.OTP, "JBSWY3DPEHPK3PXP", "123456")));
    assertEquals("AKIAIOSFODNN7EXAMPLE", k.accessKeyId());
    assertEquals("s3cr3t", k.secretAccessKey());
    assertEquals(Optional.of("eu-west-1"), k.region());
    assertEquals(Optional.of("arn:aws:iam::1:mfa/me"), k.mfaSerial());
    assertEquals("123456", k.otp().orElseThrow().totp());
  }

  @Test
  void accepts_an_api_credential_and_an_otp_field_under_another_label() {
    AwsKeys k =
        AwsKeys.from(
            item(
                Item.API_CREDENTIAL,
                new Field("username", FieldType.STRING, "AKIAIOSFODNN7EXAMPLE"),
                new Field("credential", FieldType.CONCEALED, "s3cr3t"),
                new Field("one-time code", FieldType.OTP, "JBSWY3DPEHPK3PXP")));
    assertEquals("AKIAIOSFODNN7EXAMPLE", k.accessKeyId());
    assertEquals("JBSWY3DPEHPK3PXP", k.otp().orElseThrow().value());
  }

  @Test
  void a_missing_field_is_named_with_a_hint_and_no_value() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                AwsKeys.from(
                    item(
                        Item.LOGIN,
                        new Field("Access Key ID", FieldType.STRING, "AKIAIOSFODNN7EXAMPLE"))));
    assertEquals("item 'Work AWS' has no 'Secret Access Key' field", e.getMessage());
    assertFalse(e.getMessage().contains("AKIAIOSFODNN7EXAMPLE"));
  }

  @Test
  void shows_a_key_id_masked_and_never_the_secret() {
    assertEquals("AKIA…MPLE", AwsKeys.mask("AKIAIOSFODNN7EXAMPLE"));
    AwsKeys k =
        new AwsKeys(
            "AKIAIOSFODNN7EXAMPLE", "s3cr3t", Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals("AwsKeys[AKIA…MPLE]", k.toString());
  }
}
