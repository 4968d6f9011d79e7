package dev.beamplayground.connect;

import com.google.protobuf.Message;

/**
 * What a method answers: a message to encode in the caller's codec, or a {@link CacheableBody} that
 * already holds its encodings (the catalog's answers, serialized once per catalog version).
 */
public sealed interface Reply permits Reply.Of, CacheableBody {
    static Reply of(Message message) {
        return new Of(message);
    }

    /** The answer in {@code codec}'s encoding. */
    byte[] encode(MessageCodec codec);

    /** A plain message, encoded per call. */
    record Of(Message message) implements Reply {
        @Override
        public byte[] encode(MessageCodec codec) {
            return codec.encode(message);
        }
    }
}
