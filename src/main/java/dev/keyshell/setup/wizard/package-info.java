/** The interactive init wizard and first-use set-up on a terminal. */
package dev.keyshell.setup.wizard;
