/** Scope files: where they are, their merge, writing them, and trust of directory scopes. */
package dev.keyshell.scope;
