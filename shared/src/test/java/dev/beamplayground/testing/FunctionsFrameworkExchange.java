package dev.beamplayground.testing;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.beamplayground.connect.Headers;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request and its response in memory, behind the Functions Framework's own interfaces, so that tests drive a
 * function's entry class exactly as the invoker does, without a socket.
 */
final class FunctionsFrameworkExchange {
    private FunctionsFrameworkExchange() {
    }

    static final class Request implements HttpRequest {
        private final String method;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final byte[] body;

        Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
            int q = pathAndQuery.indexOf('?');
            this.method = method;
            this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            this.query = q < 0 ? null : pathAndQuery.substring(q + 1);
            headers.forEach((name, value) -> this.headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getUri() {
            return "http://localhost" + path + (query == null ? "" : "?" + query);
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public Optional<String> getQuery() {
            return Optional.ofNullable(query);
        }

        @Override
        public Map<String, List<String>> getQueryParameters() {
            throw new UnsupportedOperationException("the protocol layer reads the raw query");
        }

        @Override
        public Map<String, HttpPart> getParts() {
            throw new UnsupportedOperationException("no multipart here");
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.ofNullable(getFirstHeader("Content-Type").orElse(null));
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public Optional<String> getCharacterEncoding() {
            return Optional.empty();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }

    static final class Response implements HttpResponse {
        private int status = 200;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void setStatusCode(int code) {
            status = code;
        }

        @Override
        public void setStatusCode(int code, String message) {
            status = code;
        }

        @Override
        public void setContentType(String contentType) {
            headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
        }

        @Override
        public Optional<String> getContentType() {
            List<String> v = headers.get("Content-Type");
            return v == null ? Optional.empty() : Optional.of(v.get(0));
        }

        @Override
        public void appendHeader(String header, String value) {
            headers.computeIfAbsent(header, k -> new ArrayList<>()).add(value);
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public BufferedWriter getWriter() {
            return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }

        FunctionResponse toResponse() {
            return new FunctionResponse(status, Headers.of(headers), body.toByteArray());
        }
    }
}
