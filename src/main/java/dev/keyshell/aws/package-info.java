/** The AWS side: the AWS files, profile chains, STS minting and its errors. */
package dev.keyshell.aws;
