package dev.beamplayground.connect;

import dev.beamplayground.domain.error.PlaygroundException;
import java.time.Duration;

/**
 * One wire protocol of a call (connect-go's protocol handler): how the request message, its codec and its
 * deadline are read, and how an answer or an error is written.
 */
interface Protocol {
    MessageCodec codec();

    /** The request message's bytes (unframed, decompressed), at most {@code maxMessageBytes}. */
    byte[] message(RpcRequest request, int maxMessageBytes);

    /** The client's timeout, or null when it set none. */
    Duration timeout(RpcRequest request);

    RpcResponse answer(RpcRequest request, Reply reply);

    RpcResponse error(PlaygroundException error, Headers extra);
}
