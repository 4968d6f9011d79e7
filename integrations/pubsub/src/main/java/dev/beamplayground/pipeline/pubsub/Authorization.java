package dev.beamplayground.pipeline.pubsub;

import java.io.IOException;

/** The {@code Authorization} header of a publish: an OAuth access token in production, none for the emulator. */
interface Authorization {
    /** The emulator's: it takes no credentials. */
    Authorization NONE = () -> null;

    /** The header's value, or null to send none. @throws IOException when no token can be had now */
    String header() throws IOException;
}
