/** The controlling terminal: the one stack that opens /dev/tty and asks the person there. */
package dev.keyshell.tty;
