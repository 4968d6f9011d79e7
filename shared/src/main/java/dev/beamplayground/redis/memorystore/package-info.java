/**
 * Memorystore for Redis: a function configured with an instance name ({@code REDIS_MEMORYSTORE_INSTANCE})
 * instead of {@code REDIS_URI} learns host, port, TLS mode and server CA from the Memorystore admin API,
 * once, on its first Redis use, and the default micronaut-redis connection uses them.
 */
package dev.beamplayground.redis.memorystore;
