/**
 * The launcher's class-data training run (bin/keyshell), not the product: it lives in keyshell.jar
 * only because the archive's class path must be the jar's; no product package depends on it.
 */
package dev.keyshell.training;
