package dev.keyshell.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigninEndpointTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "-, -, https://console.aws.amazon.com/console/home",
        "eu-west-1, -, https://console.aws.amazon.com/console/home?region=eu-west-1",
        "eu-west-1, /s3/home, https://console.aws.amazon.com/s3/home?region=eu-west-1",
        "eu-west-1, ec2/home?x=1, https://console.aws.amazon.com/ec2/home?x=1&region=eu-west-1",
        "cn-north-1, ec2/home, https://console.amazonaws.cn/ec2/home?region=cn-north-1",
        "us-gov-west-1, -, https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1",
      })
  void destination_is_the_partitions_console_at_path_and_region(
      String region, String path, String expected) {
    Optional<String> r = Optional.ofNullable(region);
    assertEquals(
        expected,
        SigninEndpoint.destination(SigninEndpoint.Partition.of(r), Optional.ofNullable(path), r));
  }

  @ParameterizedTest
  @CsvSource({
    "-, https://signin.aws.amazon.com/federation",
    "ap-south-1, https://signin.aws.amazon.com/federation",
    "cn-northwest-1, https://signin.amazonaws.cn/federation",
    "us-gov-east-1, https://signin.amazonaws-us-gov.com/federation",
  })
  void the_federation_endpoint_is_the_partitions(String region, String expected) {
    Optional<String> r = region.equals("-") ? Optional.empty() : Optional.of(region);
    assertEquals(expected, SigninEndpoint.Partition.of(r).federation());
  }

  @ParameterizedTest
  @CsvSource({
    "alice, alice",
    "a, keyshell-a",
    "j doe/x, j-doe-x",
    "averyveryveryverylongusernamethatgoesonandon, averyveryveryverylongusernametha",
  })
  void federation_names_fit_the_apis_pattern(String user, String expected) {
    assertEquals(expected, ConsoleLogin.name(user));
  }
}
