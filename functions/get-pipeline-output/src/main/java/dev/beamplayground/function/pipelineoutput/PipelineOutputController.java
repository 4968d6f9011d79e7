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
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.OutputPage;
import dev.beamplayground.pipeline.PipelineReader;
import dev.beamplayground.wire.PipelineWire;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The read side of running pipelines: status and outputs. {@code GetRunOutput} keeps Beam's meaning
 * (what was appended since the previous call); {@code GetRunOutputFrom} lets each client hold its
 * own offset. Any content type is routed here so that a wrong one gets a Connect error.
 */
@Controller("/api.v1.PlaygroundService")
public class PipelineOutputController {
    private final ConnectCodec codec;
    private final PipelineReader reader;

    public PipelineOutputController(ConnectCodec codec, PipelineReader reader) {
        this.codec = codec;
        this.reader = reader;
    }

    @Post(uri = "/CheckStatus", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> checkStatus(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CheckStatusRequest message = codec.parse(request, body, CheckStatusRequest.newBuilder());
        return codec.ok(CheckStatusResponse.newBuilder()
                .setStatus(PipelineWire.toProto(reader.status(message.getPipelineUuid()))).build());
    }

    @Post(uri = "/GetRunOutput", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getRunOutput(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetRunOutputRequest message = codec.parse(request, body, GetRunOutputRequest.newBuilder());
        return codec.ok(GetRunOutputResponse.newBuilder()
                .setOutput(reader.runOutputSinceLastCall(message.getPipelineUuid())).build());
    }

    @Post(uri = "/GetRunOutputFrom", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getRunOutputFrom(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetRunOutputFromRequest message = codec.parse(request, body, GetRunOutputFromRequest.newBuilder());
        OutputPage page = reader.runOutputFrom(message.getPipelineUuid(), message.getOffset());
        return codec.ok(GetRunOutputFromResponse.newBuilder()
                .setOutput(page.text()).setNextOffset(page.nextOffset()).build());
    }

    @Post(uri = "/GetRunError", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getRunError(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetRunErrorRequest message = codec.parse(request, body, GetRunErrorRequest.newBuilder());
        return codec.ok(GetRunErrorResponse.newBuilder()
                .setOutput(reader.whole(message.getPipelineUuid(), Output.RUN_ERROR)).build());
    }

    @Post(uri = "/GetValidationOutput", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getValidationOutput(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetValidationOutputRequest message = codec.parse(request, body, GetValidationOutputRequest.newBuilder());
        return codec.ok(GetValidationOutputResponse.newBuilder()
                .setOutput(reader.whole(message.getPipelineUuid(), Output.VALIDATION_OUTPUT)).build());
    }

    @Post(uri = "/GetPreparationOutput", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getPreparationOutput(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetPreparationOutputRequest message = codec.parse(request, body, GetPreparationOutputRequest.newBuilder());
        return codec.ok(GetPreparationOutputResponse.newBuilder()
                .setOutput(reader.whole(message.getPipelineUuid(), Output.PREPARATION_OUTPUT)).build());
    }

    @Post(uri = "/GetCompileOutput", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getCompileOutput(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetCompileOutputRequest message = codec.parse(request, body, GetCompileOutputRequest.newBuilder());
        return codec.ok(GetCompileOutputResponse.newBuilder()
                .setOutput(reader.whole(message.getPipelineUuid(), Output.COMPILE_OUTPUT)).build());
    }

    @Post(uri = "/GetLogs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getLogs(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetLogsRequest message = codec.parse(request, body, GetLogsRequest.newBuilder());
        return codec.ok(GetLogsResponse.newBuilder()
                .setOutput(reader.whole(message.getPipelineUuid(), Output.LOGS)).build());
    }

    @Post(uri = "/GetGraph", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getGraph(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetGraphRequest message = codec.parse(request, body, GetGraphRequest.newBuilder());
        return codec.ok(GetGraphResponse.newBuilder()
                .setGraph(reader.whole(message.getPipelineUuid(), Output.GRAPH)).build());
    }
}
