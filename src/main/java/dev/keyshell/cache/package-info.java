/** The sealed session cache (warm index, STS sessions, SSO tokens) and its key. */
package dev.keyshell.cache;
