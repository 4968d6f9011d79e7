package dev.beamplayground.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** {@code cors.*}: which browser origins may call the functions (env {@code CORS_ALLOWED_ORIGINS}, comma-separated). */
@ConfigurationProperties(CorsConfiguration.PREFIX)
public class CorsConfiguration {
    public static final String PREFIX = "cors";
    /** Default of {@code cors.max-age}: how long a browser may keep a preflight's answer (Chromium keeps at most 2h). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);

    /**
     * Origins allowed to call from a browser: exact ({@code https://play.example.org}), any subdomain
     * ({@code https://*.example.org}) or any port ({@code http://localhost:*}). Empty (the default): none.
     */
    private List<String> allowedOrigins = List.of();
    private Duration maxAge = DEFAULT_MAX_AGE;

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }
}
