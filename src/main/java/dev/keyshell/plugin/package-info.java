/**
 * Plugins as data (credential types, executables and their needs-auth rules) and a wrapped
 * command's argv read by them: whether it needs credentials, and for which profile.
 */
package dev.keyshell.plugin;
