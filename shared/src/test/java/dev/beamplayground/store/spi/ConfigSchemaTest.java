package dev.beamplayground.store.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    private static final ConfigSchema SCHEMA = ConfigSchema.parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "test backend",
              "type": "object",
              "properties": {
                "name": {"description": "d", "type": "string", "pattern": "^[a-z_]{0,5}$", "not": {"pattern": "^__.*__$"}},
                "path": {"type": "string", "minLength": 1, "maxLength": 4},
                "mode": {"enum": ["fsync", "replicas"]},
                "fixed": {"const": "yes"}
              },
              "required": ["path"],
              "additionalProperties": false
            }
            """);

    private static List<ConfigSchema.Violation> check(Map<String, String> config) {
        return SCHEMA.validate(config);
    }

    private static ConfigSchema.Violation only(Map<String, String> config) {
        List<ConfigSchema.Violation> violations = check(config);
        assertEquals(1, violations.size(), violations.toString());
        return violations.get(0);
    }

    @Test
    void aValidConfigurationPasses() {
        assertEquals(List.of(), check(Map.of("path", "a", "name", "ab_c", "mode", "fsync", "fixed", "yes")));
        assertEquals(List.of(), check(Map.of("path", "abcd")));
    }

    @Test
    void eachKeywordIsChecked() {
        assertEquals(new ConfigSchema.Violation("path", "required property 'path' not found"), only(Map.of()));
        assertEquals(new ConfigSchema.Violation("other", "property 'other' is not defined in the schema and the schema"
                + " does not allow additional properties"), only(Map.of("path", "a", "other", "x")));
        assertEquals(new ConfigSchema.Violation("name", "does not match the regex pattern ^[a-z_]{0,5}$"),
                only(Map.of("path", "a", "name", "Abc")));
        assertEquals(new ConfigSchema.Violation("name", "must not be valid to the schema {\"pattern\":\"^__.*__$\"}"),
                only(Map.of("path", "a", "name", "__a__")));
        assertEquals(new ConfigSchema.Violation("path", "must be at least 1 characters long"), only(Map.of("path", "")));
        assertEquals(new ConfigSchema.Violation("path", "must be at most 4 characters long"),
                only(Map.of("path", "abcde")));
        assertEquals(new ConfigSchema.Violation("mode", "does not have a value in the enumeration [fsync, replicas]"),
                only(Map.of("path", "a", "mode", "none")));
        assertEquals(new ConfigSchema.Violation("fixed", "must be the constant value 'yes'"),
                only(Map.of("path", "a", "fixed", "no")));
    }

    @Test
    void lengthsCountCodePoints() {
        assertEquals(List.of(), check(Map.of("path", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")));
    }

    @Test
    void everyViolationIsReported() {
        assertEquals(3, check(Map.of("name", "X", "extra", "1")).size());
    }

    @Test
    void aSchemaWithAKeywordNotImplementedIsRefusedRatherThanHalfApplied() {
        for (String schema : List.of(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"uri\"}}}",
                "{\"type\":\"object\",\"patternProperties\":{}}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"not\":{\"oneOf\":[]}}}}",
                "{\"type\":\"array\"}",
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
                "{\"type\":\"object\",\"properties\":{\"a\":{\"pattern\":\"[\"}}}",
                "{\"type\":\"object\",\"properties\":{\"a\":{}, \"a\":{}}}",
                "{\"type\":\"object\"} x",
                "not json")) {
            assertThrows(IllegalArgumentException.class, () -> ConfigSchema.parse(schema), schema);
        }
    }

    @Test
    void aPropertyOfAnotherTypeCannotBeSatisfiedByAString() {
        ConfigSchema numbers = ConfigSchema.parse("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");
        assertTrue(numbers.validate(Map.of("n", "1")).get(0).message().contains("string expected"));
    }

    @Test
    void theBackendsSchemasAreAllUsable() {
        Backends.available().forEach(p -> ConfigSchema.parse(p.configSchema()));
    }
}
