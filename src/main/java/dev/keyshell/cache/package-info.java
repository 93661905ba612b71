/**
 * The sealed session cache (warm index, STS sessions, SSO tokens), its key, and the STS decorator
 * that answers from it (CachingSts).
 */
package dev.keyshell.cache;
