package dev.beamplayground.pipeline.pubsub;

/**
 * A publish that Pub/Sub did not accept. {@link #status()} is the HTTP status of a refusal that retrying does not
 * change (403, 404, 400: the topic or the function's permissions are misconfigured), 0 when the attempts ran out
 * of time on answers worth retrying. Messages name statuses and causes only, never a token or an answer's body.
 */
final class PublishException extends Exception {
    private final int status;

    private PublishException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static PublishException refused(int status) {
        return new PublishException("Pub/Sub refused the publish with HTTP " + status, status, null);
    }

    static PublishException outOfTime(long millis, Throwable last) {
        return new PublishException("Pub/Sub did not accept the publish within " + millis + " ms", 0, last);
    }

    int status() {
        return status;
    }
}
