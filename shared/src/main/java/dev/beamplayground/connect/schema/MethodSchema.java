package dev.beamplayground.connect.schema;

/** One rpc of the service: its request and answer types, and whether it is free of side effects. */
public final class MethodSchema {
    private final String name;
    private final MessageSchema input;
    private final MessageSchema output;
    private final boolean noSideEffects;

    MethodSchema(String name, MessageSchema input, MessageSchema output, boolean noSideEffects) {
        this.name = name;
        this.input = input;
        this.output = output;
        this.noSideEffects = noSideEffects;
    }

    public String name() {
        return name;
    }

    public MessageSchema input() {
        return input;
    }

    public MessageSchema output() {
        return output;
    }

    /** Marked {@code idempotency_level = NO_SIDE_EFFECTS}: may be served as a Connect GET. */
    public boolean noSideEffects() {
        return noSideEffects;
    }
}
