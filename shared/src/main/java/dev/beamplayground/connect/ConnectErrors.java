package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.domain.error.TooLargeException;
import dev.beamplayground.domain.error.UnavailableException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become Connect error bodies with their HTTP status. Server faults are
 * logged here, once; client errors are not logged (they are the client's to read).
 */
@Controller
public class ConnectErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectErrors.class);

    @Error(global = true)
    public HttpResponse<ConnectError> playground(HttpRequest<?> request, PlaygroundException e) {
        MutableHttpResponse<ConnectError> response = HttpResponse.<ConnectError>status(statusOf(e))
                .body(new ConnectError(e.code().wireName(), e.getMessage()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (e instanceof UnavailableException unavailable) {
            LOG.warn("{} {} unavailable: {}", request.getMethodName(), loggable(request), e.getMessage(), e.getCause());
            response.header("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
        } else if (e.code() == ErrorCode.INTERNAL) {
            LOG.error("{} {} failed: {}", request.getMethodName(), loggable(request), e.getMessage(), e);
        }
        return response;
    }

    @Error(global = true)
    public HttpResponse<ConnectError> conversion(HttpRequest<?> request, ConversionErrorException e) {
        return error(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT, "the request could not be read");
    }

    @Error(global = true)
    public HttpResponse<ConnectError> httpStatus(HttpRequest<?> request, HttpStatusException e) {
        return byStatus(e.getStatus());
    }

    @Error(global = true)
    public HttpResponse<ConnectError> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("{} {} failed unexpectedly", request.getMethodName(), loggable(request), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "internal error");
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<ConnectError> noRoute() {
        return byStatus(HttpStatus.NOT_FOUND);
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    public HttpResponse<ConnectError> wrongMethod() {
        return byStatus(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Error(status = HttpStatus.UNSUPPORTED_MEDIA_TYPE, global = true)
    public HttpResponse<ConnectError> wrongMediaType() {
        return byStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Error(status = HttpStatus.BAD_REQUEST, global = true)
    public HttpResponse<ConnectError> badRequest() {
        return byStatus(HttpStatus.BAD_REQUEST);
    }

    private static HttpResponse<ConnectError> byStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> error(status, ErrorCode.NOT_FOUND, "no such method; POST /api.v1.PlaygroundService/<Method>");
            case METHOD_NOT_ALLOWED -> error(status, ErrorCode.INVALID_ARGUMENT, "this method accepts POST only");
            case UNSUPPORTED_MEDIA_TYPE -> error(status, ErrorCode.INVALID_ARGUMENT, "Content-Type must be application/json");
            case REQUEST_ENTITY_TOO_LARGE -> error(status, ErrorCode.RESOURCE_EXHAUSTED, "the request body is too large");
            default -> status.getCode() < 500
                    ? error(status, ErrorCode.INVALID_ARGUMENT, "the request could not be served")
                    : error(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "internal error");
        };
    }

    private static HttpResponse<ConnectError> error(HttpStatus status, ErrorCode code, String message) {
        return HttpResponse.<ConnectError>status(status)
                .body(new ConnectError(code.wireName(), message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The request path as it may enter a log line: the client chose it, so it is reduced to safe characters. */
    static String loggable(HttpRequest<?> request) {
        String path = request.getPath();
        String safe = path.length() > 100 ? path.substring(0, 100) : path;
        return safe.replaceAll("[^A-Za-z0-9./_-]", "?");
    }

    private static HttpStatus statusOf(PlaygroundException e) {
        if (e instanceof UnsupportedContentTypeException) {
            return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        }
        if (e instanceof TooLargeException) {
            return HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return switch (e.code()) {
            case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FAILED_PRECONDITION -> HttpStatus.BAD_REQUEST;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
