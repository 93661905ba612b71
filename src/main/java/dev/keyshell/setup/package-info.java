/**
 * plugin init's service: importing keys from the AWS files, env or aws-vault, and editing items.
 */
package dev.keyshell.setup;
