/** Child processes: finding executables, running them with a timeout, the child's environment. */
package dev.keyshell.proc;
