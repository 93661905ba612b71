/** {@code keyshell rotate}: a new IAM access key in the item, the old one deleted, crash-safe. */
package dev.keyshell.rotate;
