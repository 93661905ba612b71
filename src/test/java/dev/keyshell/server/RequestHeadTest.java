package dev.keyshell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadTest {
  @Test
  void reads_method_target_and_headers_by_any_case() throws Exception {
    RequestHead h =
        RequestHead.parse("GET /abc HTTP/1.1\r\nHOST: 127.0.0.1:9\r\nauthorization:  tok \r\n");
    assertEquals("GET", h.method());
    assertEquals("/abc", h.target());
    assertEquals(Optional.of("127.0.0.1:9"), h.header("Host"));
    assertEquals(Optional.of("tok"), h.header("Authorization"));
    assertEquals(Optional.empty(), h.header("Accept"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /abc\r\n",
        "GET /abc HTTP/2\r\n",
        "GET  /abc HTTP/1.1\r\n",
        "GET /abc HTTP/1.1\r\nHost: a\r\nHost: b\r\n",
        "GET /abc HTTP/1.1\r\nAuthorization: a\r\nauthorization: b\r\n",
        "GET /abc HTTP/1.1\r\nHost: a\r\n folded\r\n",
        "GET /abc HTTP/1.1\r\nBad Name: x\r\n",
        "GET /abc HTTP/1.1\r\nno colon\r\n",
      })
  void refuses_what_a_proxy_and_the_endpoint_could_read_differently(String head) {
    RequestHead.Unreadable u =
        assertThrows(RequestHead.Unreadable.class, () -> RequestHead.parse(head));
    assertEquals(RequestHead.Failure.MALFORMED, u.failure);
  }
}
