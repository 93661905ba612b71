/** Plugins as data: credential types, executables and their needs-auth rules. */
package dev.keyshell.plugin;
