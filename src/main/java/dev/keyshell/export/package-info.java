/** How keyshell export prints credentials: shell export lines and the credential_process JSON. */
package dev.keyshell.export;
