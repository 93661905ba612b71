/** The wiring that opens every kind of store (DefaultStores); used by cli and entry only. */
package dev.keyshell.stores;
