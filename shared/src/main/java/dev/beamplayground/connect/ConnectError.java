package dev.beamplayground.connect;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The Connect error body.
 *
 * @param code    the Connect code name, e.g. {@code invalid_argument}
 * @param message what went wrong, for a person
 */
@Serdeable
public record ConnectError(String code, String message) {
}
