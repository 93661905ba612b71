package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM for one user, as the SDK speaks to it (the query protocol, XML answers): its access keys kept
 * in memory, so ListAccessKeys, CreateAccessKey and DeleteAccessKey see each other's effects, and
 * each action can be made to fail as IAM fails.
 */
final class IamStandIn implements AutoCloseable {
  static final String NEW_KEY_ID = "AKIAEXAMPLENEWKENEW1";
  static final String NEW_SECRET = "rotatedSecretAccessKey000000000000000NEW1";

  final WireMockServer server;

  /** The user's access key ids, in creation order. */
  final List<String> keys = new ArrayList<>();

  /** Actions that answer with an IAM error. */
  final Set<String> failing = ConcurrentHashMap.newKeySet();

  /**
   * Actions that never answer (in time), as when keyshell dies mid-call: CreateAccessKey makes the
   * key first (IAM did, the answer was lost), DeleteAccessKey deletes nothing. {@link #hung}
   * completes when one arrives; it is answered (an error) once {@link #release} completes.
   */
  final Set<String> hanging = ConcurrentHashMap.newKeySet();

  final CompletableFuture<String> hung = new CompletableFuture<>();
  final CompletableFuture<Void> release = new CompletableFuture<>();

  IamStandIn(String... keys) {
    this.keys.addAll(List.of(keys));
    server =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Keys()));
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The calls received, oldest first. */
  List<StsStandIn.Call> calls() {
    return server.getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .sorted(java.util.Comparator.comparing(r -> r.getLoggedDate()))
        .map(StsStandIn.Call::of)
        .toList();
  }

  List<StsStandIn.Call> calls(String action) {
    return calls().stream().filter(c -> action.equals(c.params().get("Action"))).toList();
  }

  @Override
  public void close() {
    release.complete(null);
    server.stop();
  }

  private final class Keys implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "iam-keys";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      var params = StsStandIn.Call.of(event.getRequest()).params();
      String action = params.getOrDefault("Action", "");
      if (failing.contains(action)) {
        return error(action.equals("CreateAccessKey") ? 409 : 403, action);
      }
      if (hanging.contains(action)) {
        if (action.equals("CreateAccessKey")) {
          synchronized (keys) {
            keys.add(NEW_KEY_ID);
          }
        }
        hung.complete(action);
        try {
          release.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          // answer anyway
        }
        return error(500, action);
      }
      synchronized (keys) {
        switch (action) {
          case "ListAccessKeys":
            StringBuilder members = new StringBuilder();
            for (String k : keys) {
              members
                  .append("<member><UserName>demo</UserName><AccessKeyId>")
                  .append(k)
                  .append("</AccessKeyId><Status>Active</Status>")
                  .append("<CreateDate>2024-01-01T00:00:00Z</CreateDate></member>");
            }
            return ok(
                "ListAccessKeys",
                "<ListAccessKeysResult><AccessKeyMetadata>"
                    + members
                    + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>"
                    + "</ListAccessKeysResult>");
          case "CreateAccessKey":
            if (keys.size() >= 2) {
              return error(409, "LimitExceeded");
            }
            keys.add(NEW_KEY_ID);
            return ok(
                "CreateAccessKey",
                "<CreateAccessKeyResult><AccessKey><UserName>demo</UserName><AccessKeyId>"
                    + NEW_KEY_ID
                    + "</AccessKeyId><Status>Active</Status><SecretAccessKey>"
                    + NEW_SECRET
                    + "</SecretAccessKey><CreateDate>2024-06-01T00:00:00Z</CreateDate>"
                    + "</AccessKey></CreateAccessKeyResult>");
          case "DeleteAccessKey":
            if (!keys.remove(params.get("AccessKeyId"))) {
              return error(404, "NoSuchEntity");
            }
            return ok("DeleteAccessKey", "");
          default:
            return error(400, "InvalidAction");
        }
      }
    }

    private ResponseDefinition ok(String action, String result) {
      return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
          .withStatus(200)
          .withHeader("Content-Type", "text/xml")
          .withBody(
              "<"
                  + action
                  + "Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                  + result
                  + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"
                  + "</RequestId></ResponseMetadata></"
                  + action
                  + "Response>")
          .build();
    }

    private ResponseDefinition error(int status, String what) {
      String code =
          switch (status) {
            case 409 -> "LimitExceeded";
            case 404 -> "NoSuchEntity";
            case 400 -> "InvalidAction";
            default -> "AccessDenied";
          };
      return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
          .withStatus(status)
          .withHeader("Content-Type", "text/xml")
          .withBody(
              "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                  + "<Type>Sender</Type><Code>"
                  + code
                  + "</Code><Message>the IAM stand-in refuses "
                  + what
                  + "</Message></Error><RequestId>7a62c49f</RequestId></ErrorResponse>")
          .build();
    }
  }
}
