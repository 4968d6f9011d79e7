package dev.beamplayground.catalog.redis;

import dev.beamplayground.config.CatalogConfiguration;

/** The catalog cache's keys in Redis and the form of their values (see {@link RedisCatalogCache}). */
final class CatalogKeys {
    static final String VERSION = "CATALOG_VERSION";
    static final String EXAMPLES = "EXAMPLES_CATALOG";
    static final String SDKS = "SDKS_CATALOG";
    static final String DEFAULTS = "DEFAULT_PRECOMPILED_OBJECTS";
    static final String BUILD = "CATALOG_BUILD:";
    static final String FENCE = "CATALOG_BUILD_FENCE";
    static final String ENTRY_TOKEN = "CATALOG_ENTRY_TOKEN";
    static final long MAX_LEASE_MS = CatalogConfiguration.MAX_VERSION_LEASE.toMillis();

    private CatalogKeys() {
    }

    /** The key of a version's build turn: made of a number only. */
    static String buildKey(long version) {
        return BUILD + version;
    }

    /** A published CATALOG_VERSION value: the version, and the lease readers may hold it for. */
    static String published(long version, long leaseMillis) {
        return leaseMillis > 0 ? version + ":" + leaseMillis : Long.toString(version);
    }

    /** The version tag of a value; 0 when it has none. */
    static long parseVersion(String value) {
        int colon = value.indexOf(':');
        String digits = colon < 0 ? value : value.substring(0, colon);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    /** The lease (ms) a published CATALOG_VERSION value grants; 0 when it grants none. */
    static long parseLease(String value) {
        int colon = value.indexOf(':');
        String digits = colon < 0 ? "" : value.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Math.min(Long.parseLong(digits), MAX_LEASE_MS);
    }
}
