/**
 * exec --server and serve: a loopback credential endpoint, re-minting for long-running SDK
 * programs.
 */
package dev.keyshell.server;
