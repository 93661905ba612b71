package dev.keyshell.it;

import java.nio.file.Path;

/**
 * Two real accounts for the attacks of one user on another: a victim (not root) with keyshell set
 * up as the quick start does, in a terminal session, and an attacker.
 */
final class Accounts implements AutoCloseable {
  static final String SESSION = "0123456789abcdef01234567";

  final SystemUser victim;
  final SystemUser attacker;
  final StsStandIn sts;
  final Sandbox box;

  Accounts(Path tmp) throws Exception {
    victim = SystemUser.ensure("ks-victim");
    attacker = SystemUser.ensure("ks-attacker");
    sts = new StsStandIn();
    box = Users.initialisedAs(victim, tmp.resolve("victim"), sts, Users.CONFIG);
    box.env.put("KEYSHELL_SESSION", SESSION);
  }

  @Override
  public void close() {
    box.keyshell(null, "lock");
    sts.close();
  }
}
