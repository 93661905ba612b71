/**
 * The picocli commands, one file each, thin: parse, call one service, print through the command's
 * streams.
 */
package dev.keyshell.cli;
