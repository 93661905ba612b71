/** keyshell rotate: a new access key stored and checked with STS before the old one goes. */
package dev.keyshell.rotate;
