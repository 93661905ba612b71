/** IAM Identity Center: device sign-in, its token store, and role credentials. */
package dev.keyshell.sso;
