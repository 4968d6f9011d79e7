package dev.beamplayground.function.pipelineoutput;

import dev.beamplayground.api.v1.CheckStatusRequest;
import dev.beamplayground.api.v1.CheckStatusResponse;
import dev.beamplayground.api.v1.GetCompileOutputRequest;
import dev.beamplayground.api.v1.GetCompileOutputResponse;
import dev.beamplayground.api.v1.GetGraphRequest;
import dev.beamplayground.api.v1.GetGraphResponse;
import dev.beamplayground.api.v1.GetLogsRequest;
import dev.beamplayground.api.v1.GetLogsResponse;
import dev.beamplayground.api.v1.GetPreparationOutputRequest;
import dev.beamplayground.api.v1.GetPreparationOutputResponse;
import dev.beamplayground.api.v1.GetRunErrorRequest;
import dev.beamplayground.api.v1.GetRunErrorResponse;
import dev.beamplayground.api.v1.GetRunOutputFromRequest;
import dev.beamplayground.api.v1.GetRunOutputFromResponse;
import dev.beamplayground.api.v1.GetRunOutputRequest;
import dev.beamplayground.api.v1.GetRunOutputResponse;
import dev.beamplayground.api.v1.GetValidationOutputRequest;
import dev.beamplayground.api.v1.GetValidationOutputResponse;
import dev.beamplayground.connect.Reply;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.OutputPage;
import dev.beamplayground.pipeline.PipelineReader;
import dev.beamplayground.wire.PipelineWire;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The read side of running pipelines: status and outputs. {@code GetRunOutput} keeps Beam's meaning
 * (what was appended since the previous call); {@code GetRunOutputFrom} lets each client hold its
 * own offset.
 */
@Singleton
public class PipelineOutputMethods implements ServiceMethods {
    private final PipelineReader reader;

    public PipelineOutputMethods(PipelineReader reader) {
        this.reader = reader;
    }

    @Override
    public List<UnaryMethod> methods() {
        return List.of(
                UnaryMethod.of("CheckStatus", CheckStatusRequest.getDefaultInstance(),
                        (CheckStatusRequest r) -> Reply.of(CheckStatusResponse.newBuilder()
                                .setStatus(PipelineWire.toProto(reader.status(r.getPipelineUuid()))).build())),
                UnaryMethod.of("GetRunOutput", GetRunOutputRequest.getDefaultInstance(),
                        (GetRunOutputRequest r) -> Reply.of(GetRunOutputResponse.newBuilder()
                                .setOutput(reader.runOutputSinceLastCall(r.getPipelineUuid())).build())),
                UnaryMethod.of("GetRunOutputFrom", GetRunOutputFromRequest.getDefaultInstance(),
                        (GetRunOutputFromRequest r) -> {
                            OutputPage page = reader.runOutputFrom(r.getPipelineUuid(), r.getOffset());
                            return Reply.of(GetRunOutputFromResponse.newBuilder()
                                    .setOutput(page.text()).setNextOffset(page.nextOffset()).build());
                        }),
                output("GetRunError", GetRunErrorRequest.getDefaultInstance(), Output.RUN_ERROR,
                        GetRunErrorRequest::getPipelineUuid,
                        text -> GetRunErrorResponse.newBuilder().setOutput(text).build()),
                output("GetValidationOutput", GetValidationOutputRequest.getDefaultInstance(), Output.VALIDATION_OUTPUT,
                        GetValidationOutputRequest::getPipelineUuid,
                        text -> GetValidationOutputResponse.newBuilder().setOutput(text).build()),
                output("GetPreparationOutput", GetPreparationOutputRequest.getDefaultInstance(),
                        Output.PREPARATION_OUTPUT, GetPreparationOutputRequest::getPipelineUuid,
                        text -> GetPreparationOutputResponse.newBuilder().setOutput(text).build()),
                output("GetCompileOutput", GetCompileOutputRequest.getDefaultInstance(), Output.COMPILE_OUTPUT,
                        GetCompileOutputRequest::getPipelineUuid,
                        text -> GetCompileOutputResponse.newBuilder().setOutput(text).build()),
                output("GetLogs", GetLogsRequest.getDefaultInstance(), Output.LOGS, GetLogsRequest::getPipelineUuid,
                        text -> GetLogsResponse.newBuilder().setOutput(text).build()),
                output("GetGraph", GetGraphRequest.getDefaultInstance(), Output.GRAPH, GetGraphRequest::getPipelineUuid,
                        text -> GetGraphResponse.newBuilder().setGraph(text).build()));
    }

    /** A method answering one whole output of the pipeline its request names. */
    private <Q extends com.google.protobuf.Message> UnaryMethod output(
            String name, Q prototype, Output output, java.util.function.Function<Q, String> uuid,
            java.util.function.Function<String, com.google.protobuf.Message> answer) {
        return UnaryMethod.of(name, prototype, (Q r) -> Reply.of(answer.apply(reader.whole(uuid.apply(r), output))));
    }
}
