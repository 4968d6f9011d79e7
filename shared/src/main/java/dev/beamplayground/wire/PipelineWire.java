package dev.beamplayground.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.CancelRequest;
import dev.beamplayground.api.v1.Status;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineUuid;
import java.nio.charset.StandardCharsets;

/**
 * Pipeline values on the wire: the status enum, and the cancel message carried by Pub/Sub, which is
 * the {@code CancelRequest} in proto3 JSON ({@code {"pipelineUuid":"..."}}).
 */
public final class PipelineWire {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    /** A cancel message is a uuid in a small JSON object; anything much larger is not one. */
    private static final int MAX_MESSAGE_BYTES = 1024;

    private PipelineWire() {
    }

    public static Status toProto(PipelineStatus status) {
        return Status.valueOf(status.name());
    }

    public static byte[] cancelMessage(PipelineUuid uuid) {
        try {
            return PRINTER.print(CancelRequest.newBuilder().setPipelineUuid(uuid.value()).build())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a CancelRequest cannot be printed", e);
        }
    }

    /** The uuid of a cancel message. @throws InvalidArgumentException when it is not one */
    public static PipelineUuid parseCancelMessage(byte[] data) {
        if (data == null || data.length == 0 || data.length > MAX_MESSAGE_BYTES) {
            throw new InvalidArgumentException("a cancel message is a small JSON object");
        }
        CancelRequest.Builder request = CancelRequest.newBuilder();
        try {
            PARSER.merge(new String(data, StandardCharsets.UTF_8), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new InvalidArgumentException("a cancel message is the JSON of a CancelRequest", e);
        }
        return PipelineUuid.parse(request.getPipelineUuid());
    }
}
