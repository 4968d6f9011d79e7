package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamplayground.edge.PubSubMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DryRunFlagTest {

    private static Optional<Boolean> flag(String attribute, String data) {
        Map<String, String> attributes = attribute == null ? Map.of() : Map.of(DryRunFlag.NAME, attribute);
        return DryRunFlag.of(Optional.of(new PubSubMessage("1",
                data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8), attributes)));
    }

    @ParameterizedTest(name = "attribute {0}, data {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-      | -                                  | false",
        "true   | -                                  | true",
        " TRUE  | -                                  | true",
        "false  | -                                  | false",
        "yes    | -                                  | refused",
        "-      | '{\"dryRun\": true}'               | true",
        "-      | '{\"dryRun\": \"True \"}'          | true",
        "-      | '{\"dryRun\": false}'              | false",
        "-      | '{\"dryRun\": 1}'                  | refused",
        "-      | '{\"dryRun\": null}'               | refused",
        "-      | '{\"dryRun\": {}}'                 | refused",
        "-      | '{\"dryRun\": \"maybe\"}'          | refused",
        "-      | '{\"dryRun\": \"no\", \"dryRun\": true}' | true",
        "-      | '{\"other\": 1, \"nested\": {\"dryRun\": true}}' | false",
        "-      | '{\"dryRun\": true} trailing'      | false",
        "-      | '{\"dryRun\": \"maybe\"'           | false",
        "-      | '[{\"dryRun\": true}]'             | false",
        "-      | 'not json at all'                  | false",
        "-      | '  '                               | false",
        "true   | '{\"dryRun\": false}'              | true",
        "false  | '{\"dryRun\": \"bad\"}'            | refused",
        "bad    | '{\"dryRun\": true}'               | refused",
    })
    void readsTheAttributeAndTheDataField(String attribute, String data, String expected) {
        Optional<Boolean> want = expected.equals("refused") ? Optional.empty() : Optional.of(Boolean.valueOf(expected));
        assertEquals(want, flag(attribute, data));
    }

    @Test
    void noMessageIsNoDryRun() {
        assertEquals(Optional.of(false), DryRunFlag.of(Optional.empty()));
    }
}
