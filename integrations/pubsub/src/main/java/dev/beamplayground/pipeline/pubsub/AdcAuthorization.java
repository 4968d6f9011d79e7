package dev.beamplayground.pipeline.pubsub;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/**
 * A bearer token of Google credentials, by default Application Default Credentials (the function's service account
 * on Cloud Functions), looked up on the first publish, not at start-up. The credentials cache the token and fetch a
 * new one a few minutes before it expires, so a publish waits for the token server about once an hour.
 */
final class AdcAuthorization implements Authorization {
    static final String SCOPE = "https://www.googleapis.com/auth/pubsub";

    /** Where the credentials come from. */
    interface Source {
        GoogleCredentials credentials() throws IOException;
    }

    static final Source APPLICATION_DEFAULT = () -> GoogleCredentials.getApplicationDefault().createScoped(SCOPE);

    private final Source source;
    private GoogleCredentials credentials;

    AdcAuthorization(Source source) {
        this.source = source;
    }

    @Override
    public synchronized String header() throws IOException {
        if (credentials == null) {
            credentials = source.credentials();
        }
        credentials.refreshIfExpired();
        AccessToken token = credentials.getAccessToken();
        if (token == null) {
            throw new IOException("the credentials gave no access token");
        }
        return "Bearer " + token.getTokenValue();
    }
}
