package dev.beamplayground.connect;

import dev.beamplayground.domain.error.InvalidArgumentException;

/** The request is not Connect JSON; answered with HTTP 415. */
public class UnsupportedContentTypeException extends InvalidArgumentException {
    public UnsupportedContentTypeException(String message) {
        super(message);
    }
}
