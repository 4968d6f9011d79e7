package dev.beamplayground.deploy.examples;

/** An example folder cannot be loaded; the message names the folder and what is wrong. */
public class InvalidExampleException extends RuntimeException {
    public InvalidExampleException(String message) {
        super(message);
    }
}
