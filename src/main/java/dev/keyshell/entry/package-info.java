/**
 * The entry points that run before picocli: plugin run (FastRun, ColdRun with first use) and a warm
 * export (FastExport).
 */
package dev.keyshell.entry;
