/** keyshell's local encrypted vault and the per-session agent that keeps its key. */
package dev.keyshell.vault;
