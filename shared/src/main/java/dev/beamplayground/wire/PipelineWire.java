package dev.beamplayground.wire;

import dev.beamplayground.api.v1.CancelRequest;
import dev.beamplayground.api.v1.Status;
import dev.beamplayground.connect.JsonCodec;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineUuid;

/**
 * Pipeline values on the wire: the status enum, and the cancel message carried by Pub/Sub, which is
 * the {@code CancelRequest} in proto3 JSON ({@code {"pipelineUuid":"..."}}).
 */
public final class PipelineWire {
    /** A cancel message is a uuid in a small JSON object; anything much larger is not one. */
    private static final int MAX_MESSAGE_BYTES = 1024;

    private PipelineWire() {
    }

    public static Status toProto(PipelineStatus status) {
        return Status.valueOf(status.name());
    }

    public static byte[] cancelMessage(PipelineUuid uuid) {
        return JsonCodec.print(CancelRequest.newBuilder().setPipelineUuid(uuid.value()).build());
    }

    /** The uuid of a cancel message. @throws InvalidArgumentException when it is not one */
    public static PipelineUuid parseCancelMessage(byte[] data) {
        if (data == null || data.length == 0 || data.length > MAX_MESSAGE_BYTES) {
            throw new InvalidArgumentException("a cancel message is a small JSON object");
        }
        CancelRequest request;
        try {
            request = (CancelRequest) JsonCodec.read(data, CancelRequest.getDefaultInstance());
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException("a cancel message is the JSON of a CancelRequest", e);
        }
        return PipelineUuid.parse(request.getPipelineUuid());
    }
}
