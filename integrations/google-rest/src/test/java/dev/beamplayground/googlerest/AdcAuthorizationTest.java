package dev.beamplayground.googlerest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The token of a call: looked up at the first use, reused while fresh, fetched again before it expires. */
class AdcAuthorizationTest {
    /** Credentials whose token server hands out numbered tokens of a given lifetime. */
    private static final class NumberedTokens extends GoogleCredentials {
        final AtomicInteger fetched = new AtomicInteger();
        private final Duration lifetime;

        NumberedTokens(Duration lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public AccessToken refreshAccessToken() {
            return new AccessToken("t" + fetched.incrementAndGet(),
                    new Date(System.currentTimeMillis() + lifetime.toMillis()));
        }
    }

    @Test
    void theCredentialsAreLookedUpAtTheFirstCallAndAFreshTokenIsReused() throws Exception {
        NumberedTokens tokens = new NumberedTokens(Duration.ofHours(1));
        AtomicInteger lookups = new AtomicInteger();
        AdcAuthorization authorization = new AdcAuthorization(() -> {
            lookups.incrementAndGet();
            return tokens;
        });
        assertEquals(0, lookups.get(), "nothing looked up before the first call");
        assertEquals("Bearer t1", authorization.header());
        assertEquals("Bearer t1", authorization.header());
        assertEquals(1, lookups.get());
        assertEquals(1, tokens.fetched.get());
    }

    @Test
    void aTokenAboutToExpireIsReplacedBeforeUse() throws Exception {
        NumberedTokens tokens = new NumberedTokens(Duration.ofMinutes(1));
        AdcAuthorization authorization = new AdcAuthorization(() -> tokens);
        assertEquals("Bearer t1", authorization.header());
        assertEquals("Bearer t2", authorization.header());
    }
}
