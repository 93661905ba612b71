/** The 1Password store through the op CLI. */
package dev.keyshell.store.op;
