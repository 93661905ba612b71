/** An item's AWS fields and the reference to where it lives. */
package dev.keyshell.item;
