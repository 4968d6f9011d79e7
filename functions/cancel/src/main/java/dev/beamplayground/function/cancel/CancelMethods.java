package dev.beamplayground.function.cancel;

import dev.beamplayground.api.v1.CancelRequest;
import dev.beamplayground.api.v1.CancelResponse;
import dev.beamplayground.connect.Reply;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.pipeline.CancelRequests;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code Cancel}: checks the request and the pipeline's state, publishes a cancel message and
 * answers {@code {}} without waiting for the runner (see {@link CancelRequests} for unknown and
 * ended pipelines).
 */
@Singleton
public class CancelMethods implements ServiceMethods {
    private final CancelRequests cancels;

    public CancelMethods(CancelRequests cancels) {
        this.cancels = cancels;
    }

    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.of("Cancel", CancelRequest.getDefaultInstance(), (CancelRequest r) -> {
            cancels.cancel(r.getPipelineUuid());
            return Reply.of(CancelResponse.getDefaultInstance());
        }));
    }
}
