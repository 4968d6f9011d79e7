package dev.beamplayground.redis.resp;

import javax.net.ssl.SSLSocketFactory;

/**
 * What a connection is made with.
 *
 * @param host           the server's host
 * @param port           its port
 * @param user           the ACL user, or null for the default user
 * @param password       the AUTH password, or null without AUTH
 * @param database       the database index (SELECT when not 0)
 * @param tls            whether the server speaks TLS
 * @param ssl            the trust to use instead of the JVM's, or null; with it the host name is not checked
 *                       (Memorystore's certificate does not carry it), with the JVM's trust it is
 * @param connectMillis  how long a connect may take
 * @param commandMillis  how long an answer may take
 */
public record RespEndpoint(String host, int port, String user, char[] password, int database, boolean tls,
                           SSLSocketFactory ssl, int connectMillis, int commandMillis) {
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database; // never the password
    }
}
