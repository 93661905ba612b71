/**
 * The two primitives of the warm path, SHA-256 and AES-256-GCM, without the JCA: on JDK 17 its
 * set-up (java.security.Security, the SUN and SunJCE providers, the JCE policy files) is about 40
 * ms of a warm {@code aws}. BouncyCastle's lightweight classes were measured too: their
 * CryptoServicesRegistrar starts java.util.logging, about 30 ms. Held to the JDK's implementations
 * and to NIST's vectors by tests; the cold path and the vault keep the JCE.
 */
package dev.keyshell.crypto;
