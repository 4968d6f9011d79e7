package dev.beamplayground.googlerest;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/**
 * A bearer token of Google credentials, by default Application Default Credentials (the function's service account
 * on Cloud Functions), looked up on the first call, not at start-up. The credentials cache the token and fetch a
 * new one a few minutes before it expires, so a call waits for the token server about once an hour.
 */
public final class AdcAuthorization implements Authorization {
    /** Where the credentials come from. */
    public interface Source {
        GoogleCredentials credentials() throws IOException;
    }

    private final Source source;
    private GoogleCredentials credentials;

    public AdcAuthorization(Source source) {
        this.source = source;
    }

    /** Application Default Credentials for {@code scope}, looked up on the first call. */
    public static AdcAuthorization applicationDefault(String scope) {
        return new AdcAuthorization(() -> GoogleCredentials.getApplicationDefault().createScoped(scope));
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
