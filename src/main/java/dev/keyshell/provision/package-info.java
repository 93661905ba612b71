/**
 * The cold run path's service: who serves a profile (CredentialChoice), minting through the cache
 * (Provisioner), the child, output formats.
 */
package dev.keyshell.provision;
