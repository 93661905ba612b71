/**
 * Where an MFA code comes from (the item's TOTP, a YubiKey, a command, or the terminal) and the
 * ledger that never spends a code twice (MfaCodes).
 */
package dev.keyshell.mfa;
