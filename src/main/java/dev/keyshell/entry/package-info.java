/**
 * The entry points that run before picocli: plugin run (FastRun, ColdRun with first use), a warm
 * export, and the launcher's class-data training.
 */
package dev.keyshell.entry;
