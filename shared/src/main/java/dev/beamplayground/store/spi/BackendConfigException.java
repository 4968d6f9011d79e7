package dev.beamplayground.store.spi;

/** The backend configuration is wrong; the message is one line that names the bad key. */
public class BackendConfigException extends RuntimeException {
    public BackendConfigException(String message) {
        super(message);
    }
}
