package dev.keyshell.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.StoreKind;
import dev.keyshell.store.op.FakeOp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultStoresTest {
  @TempDir Path tmp;
  FakeOp op;

  @BeforeEach
  void installFakeOp() throws Exception {
    op = new FakeOp(tmp);
  }

  private StoreKind detect() {
    Env env = op.env();
    return new DefaultStores(env, Dirs.of(env), null).detectDefault();
  }

  @Test
  void picks_op_when_op_is_installed_and_signed_in() {
    assertEquals(StoreKind.OP, detect());
  }

  @Test
  void picks_op_with_the_app_integration_even_before_whoami_answers() {
    op.with("OP_FAKE_MODE", "app-integration");
    assertEquals(StoreKind.OP, detect());
  }

  @Test
  void picks_connect_when_op_has_no_account_and_OP_CONNECT_HOST_is_set() {
    op.with("OP_FAKE_MODE", "signed-out").with("OP_CONNECT_HOST", "http://127.0.0.1:9");
    assertEquals(StoreKind.CONNECT, detect());
  }

  @Test
  void picks_connect_when_op_is_missing_and_OP_CONNECT_HOST_is_set() throws Exception {
    op.with("PATH", Files.createDirectories(tmp.resolve("empty")).toString())
        .with("OP_CONNECT_HOST", "http://127.0.0.1:9");
    assertEquals(StoreKind.CONNECT, detect());
  }

  @Test
  void picks_the_local_vault_otherwise() {
    op.with("OP_FAKE_MODE", "signed-out");
    assertEquals(StoreKind.LOCAL, detect());
  }
}
