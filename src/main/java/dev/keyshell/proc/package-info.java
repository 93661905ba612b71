/**
 * Child processes: finding executables, running them with a timeout, the child's environment, and
 * the wrapped command run as keyshell's child (ChildRunner).
 */
package dev.keyshell.proc;
