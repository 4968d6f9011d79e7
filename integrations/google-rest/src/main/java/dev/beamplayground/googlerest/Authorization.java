package dev.beamplayground.googlerest;

import java.io.IOException;

/** The {@code Authorization} header of a call: an OAuth access token in production, none for an emulator. */
public interface Authorization {
    /** An emulator's: it takes no credentials. */
    Authorization NONE = () -> null;

    /** The header's value, or null to send none. @throws IOException when no token can be had now */
    String header() throws IOException;
}
