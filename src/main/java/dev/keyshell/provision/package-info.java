/**
 * The run path's service: who serves a profile (CredentialChoice), minting through the cache under
 * the warm key's lock (Provisioner, Minted, WarmKey), and forgetting it all (Lock).
 */
package dev.keyshell.provision;
