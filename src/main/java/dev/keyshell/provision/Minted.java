package dev.keyshell.provision;

import dev.keyshell.aws.SessionCredentials;
import java.util.Optional;

/** What provisioning yields: temporary credentials and the region, when one is known. */
public record Minted(SessionCredentials credentials, Optional<String> region) {}
