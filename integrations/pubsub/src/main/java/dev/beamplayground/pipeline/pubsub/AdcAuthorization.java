package dev.beamplayground.pipeline.pubsub;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/**
 * A bearer token from Application Default Credentials (the function's service account on Cloud Functions),
 * looked up on the first publish, not at start-up. The credentials cache the token and fetch a new one a few
 * minutes before it expires, so a publish waits for the token server about once an hour.
 */
final class AdcAuthorization implements Authorization {
    static final String SCOPE = "https://www.googleapis.com/auth/pubsub";

    private GoogleCredentials credentials;

    @Override
    public synchronized String header() throws IOException {
        if (credentials == null) {
            credentials = GoogleCredentials.getApplicationDefault().createScoped(SCOPE);
        }
        credentials.refreshIfExpired();
        AccessToken token = credentials.getAccessToken();
        if (token == null) {
            throw new IOException("Application Default Credentials gave no access token");
        }
        return "Bearer " + token.getTokenValue();
    }
}
