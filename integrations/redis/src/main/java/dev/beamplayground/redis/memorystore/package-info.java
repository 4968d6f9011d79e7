/**
 * Memorystore for Redis: the Redis connection ({@code redis.RedisTargetFactory}) goes to a Memorystore endpoint with TLS
 * trusting exactly the instance's CA. The endpoint is given ({@code REDIS_MEMORYSTORE_HOST}, {@code _PORT},
 * {@code _SERVER_CA}, as Terraform passes it) or, as an option, looked up by instance name
 * ({@code REDIS_MEMORYSTORE_INSTANCE}) through the Memorystore admin API, once, on the first Redis use.
 */
package dev.beamplayground.redis.memorystore;
