/**
 * The functions' own Redis client for commands: RESP2 over a socket (TLS and AUTH as the target asks), and a
 * bounded pool of such connections. It exists for cold starts: Jedis and commons-pool2 load about two hundred
 * classes at an instance's first Redis call; this is a handful. Subscriptions, which no function's request path
 * uses, stay on Jedis.
 */
package dev.beamplayground.redis.resp;
