package dev.beamplayground.connect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cross-origin access for browsers, from an allow-list of origins: exact ({@code https://play.example.org}),
 * any subdomain ({@code https://*.example.org}) or any port ({@code http://localhost:*}). An allowed origin's
 * preflight gets 204 with the methods and request headers Connect and gRPC-Web clients send; every answer to it
 * names the origin and exposes the headers those clients read (gRPC-Web's status travels in headers). Any other
 * origin gets no CORS header, so browsers keep its pages from reading answers, and its preflight is refused.
 */
public final class Cors {
    /** Request headers that Connect, gRPC-Web (grpc-web JS and grpc-dart's XHR client) send. */
    public static final String ALLOW_HEADERS = "content-type, connect-protocol-version, connect-timeout-ms, "
            + "connect-accept-encoding, connect-content-encoding, grpc-timeout, grpc-accept-encoding, grpc-encoding, "
            + "x-grpc-web, x-user-agent";
    public static final String ALLOW_METHODS = "POST, GET";
    /** Response headers a browser client must be able to read. */
    public static final String EXPOSE_HEADERS = "grpc-status, grpc-message, grpc-status-details-bin, grpc-encoding, "
            + "grpc-accept-encoding, connect-content-encoding, connect-accept-encoding, content-encoding, etag, "
            + "retry-after";

    private final List<OriginPattern> allowed;
    private final String maxAgeSeconds;

    /**
     * @throws IllegalArgumentException naming the first entry that is not an origin pattern
     */
    public Cors(List<String> allowedOrigins, Duration maxAge) {
        List<OriginPattern> patterns = new ArrayList<>();
        for (String entry : allowedOrigins) {
            if (!entry.isBlank()) {
                patterns.add(OriginPattern.parse(entry.strip()));
            }
        }
        this.allowed = List.copyOf(patterns);
        this.maxAgeSeconds = Long.toString(maxAge.toSeconds());
    }

    boolean allows(String origin) {
        if (origin == null || allowed.isEmpty()) {
            return false;
        }
        OriginPattern o = OriginPattern.ofOrigin(origin);
        return o != null && allowed.stream().anyMatch(p -> p.matches(o));
    }

    /** A preflight: an OPTIONS request with Origin and Access-Control-Request-Method. */
    static boolean isPreflight(RpcRequest request) {
        return request.method().equals("OPTIONS") && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    RpcResponse preflight(RpcRequest request) {
        String origin = request.headers().first("Origin");
        String method = request.headers().first("Access-Control-Request-Method");
        Headers out = new Headers().add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!allows(origin) || !(method.equals("POST") || method.equals("GET"))) {
            return new RpcResponse(403, out, null);
        }
        out.add("Access-Control-Allow-Origin", origin)
                .add("Access-Control-Allow-Methods", ALLOW_METHODS)
                .add("Access-Control-Allow-Headers", ALLOW_HEADERS)
                .add("Access-Control-Max-Age", maxAgeSeconds);
        return new RpcResponse(204, out, null);
    }

    /** Adds the CORS headers of an answer to {@code request}'s origin (none for an origin not allowed). */
    void decorate(RpcRequest request, Headers out) {
        String origin = request.headers().first("Origin");
        if (origin == null) {
            return;
        }
        out.add("Vary", "Origin");
        if (allows(origin)) {
            out.add("Access-Control-Allow-Origin", origin).add("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
    }

    /** scheme://host[:port]; host may start with {@code *.}, port may be {@code *}; -1 = no port given. */
    private record OriginPattern(String scheme, String host, boolean anySubdomain, int port, boolean anyPort) {
        static OriginPattern parse(String entry) {
            String e = entry.toLowerCase(Locale.ROOT);
            boolean anyPort = e.endsWith(":*");
            if (anyPort) {
                e = e.substring(0, e.length() - 2);
            }
            boolean anySubdomain = e.contains("://*.");
            if (anySubdomain) {
                e = e.replace("://*.", "://");
            }
            OriginPattern p = ofOrigin(e);
            if (p == null || e.contains("*")) {
                throw new IllegalArgumentException("cors.allowed-origins: '" + entry + "' is not an origin "
                        + "(scheme://host[:port], host may start with *., port may be *)");
            }
            return new OriginPattern(p.scheme, p.host, anySubdomain, p.port, anyPort);
        }

        /** The Origin header as scheme, host and port; null when it is not one (e.g. {@code null}). */
        static OriginPattern ofOrigin(String origin) {
            try {
                URI uri = new URI(origin);
                String scheme = uri.getScheme();
                String host = uri.getHost();
                if (scheme == null || host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                    return null;
                }
                return new OriginPattern(scheme.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), false,
                        uri.getPort(), false);
            } catch (java.net.URISyntaxException ex) {
                return null;
            }
        }

        boolean matches(OriginPattern o) {
            if (!scheme.equals(o.scheme) || !(anyPort || port == o.port)) {
                return false;
            }
            return anySubdomain ? o.host.endsWith("." + host) : host.equals(o.host);
        }
    }
}
