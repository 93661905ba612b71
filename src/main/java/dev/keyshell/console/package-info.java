/** keyshell login: an AWS console sign-in URL for a profile, opened in the browser. */
package dev.keyshell.console;
