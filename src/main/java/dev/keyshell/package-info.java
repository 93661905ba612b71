/**
 * Main: the one process entry point; dispatches to {@code entry} before picocli, else to {@code
 * cli}.
 */
package dev.keyshell;
