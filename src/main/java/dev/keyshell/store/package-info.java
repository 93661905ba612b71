/** The Store interface: where items live, independent of any one kind. */
package dev.keyshell.store;
