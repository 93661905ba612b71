/** TOTP codes (RFC 6238). */
package dev.keyshell.otp;
