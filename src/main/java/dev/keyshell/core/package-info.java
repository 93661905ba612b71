/**
 * Shared ground every layer may use: environment, directories, secure files, errors and their
 * report, display.
 */
package dev.keyshell.core;
