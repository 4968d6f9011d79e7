package dev.beamplayground.connect;

import com.google.protobuf.Message;

/**
 * A message encoding (connect-go's Codec): proto3 JSON or binary protobuf. Parsing is strict: whatever
 * is wrong with a message ends as an {@code invalid_argument}, never as a server fault.
 */
public sealed interface MessageCodec permits JsonCodec, ProtoCodec {
    /** The codec's name as content types carry it: {@code json} or {@code proto}. */
    String name();

    boolean isJson();

    /** Parses {@code body} as a message of {@code prototype}'s type. */
    Message parse(byte[] body, Message prototype);

    byte[] encode(Message message);
}
