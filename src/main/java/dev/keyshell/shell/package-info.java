/** plugins.sh and plugins.fish rendered from the plugin data; shell rc files. */
package dev.keyshell.shell;
