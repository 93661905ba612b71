/** The 1Password Connect store over HTTP. */
package dev.keyshell.store.connect;
