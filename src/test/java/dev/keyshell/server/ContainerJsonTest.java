package dev.keyshell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.testing.Conformance;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerJsonTest {
  @Test
  void credentials_have_exactly_the_contracts_required_fields() throws Exception {
    JsonNode contract = Conformance.json("ecs/ecs-endpoint-contract.json").get("response_success");
    JsonNode body =
        new ObjectMapper()
            .readTree(
                ContainerJson.credentials(
                    new SessionCredentials(
                        "ASIAEXAMPLE",
                        "se\"cret",
                        "tok/+=",
                        Instant.parse("2099-01-01T00:00:00Z"))));
    for (JsonNode name : contract.get("required")) {
      assertTrue(body.has(name.asText()), name.asText());
    }
    assertEquals(contract.get("required").size(), body.size());
    assertEquals("se\"cret", body.get("SecretAccessKey").asText());
    assertEquals("tok/+=", body.get("Token").asText());
    assertEquals(
        contract.get("body_example_aws_vault_shape").get("Expiration").asText(),
        body.get("Expiration").asText());
  }

  @Test
  void errors_are_the_code_and_message_the_sdks_print() throws Exception {
    JsonNode doc = Conformance.json("ecs/ecs-endpoint-contract.json");
    JsonNode shape = doc.get("response_error").get("smithy_rs_doc");
    JsonNode body = new ObjectMapper().readTree(ContainerJson.error("Code", "a \"message\""));
    assertEquals(shape.size(), body.size());
    shape.fieldNames().forEachRemaining(f -> assertTrue(body.has(f), f));
    assertEquals("a \"message\"", body.get("message").asText());
  }
}
