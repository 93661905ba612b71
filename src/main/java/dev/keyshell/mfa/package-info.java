/** Where an MFA code comes from: the item's TOTP, a YubiKey, a command, or the terminal. */
package dev.keyshell.mfa;
