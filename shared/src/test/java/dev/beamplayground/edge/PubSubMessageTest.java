package dev.beamplayground.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PubSubMessageTest {

    private static Optional<PubSubMessage> read(String json) {
        return PubSubMessage.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheEnvelopeOfAMessagePublishedEvent() {
        PubSubMessage m = read("""
                {"message": {"data": "eyJhIjoxfQ==", "attributes": {"dryRun": "true", "n": 5, "b": false},
                 "messageId": "123", "publishTime": "2026-12-03T00:00:00Z"},
                 "subscription": "projects/p/subscriptions/s", "extra": [1, {"x": null}]}""").orElseThrow();
        assertEquals("123", m.messageId());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), m.data());
        assertEquals(Map.of("dryRun", "true", "n", "5", "b", "false"), m.attributes());
    }

    @Test
    void aMessageWithoutDataIdOrAttributesHasNone() {
        PubSubMessage m = read("{\"message\": {\"data\": null, \"attributes\": null}}").orElseThrow();
        assertNull(m.messageId());
        assertEquals(0, m.data().length);
        assertEquals(Map.of(), m.attributes());
        assertEquals(Map.of(), read("{\"message\": {}}").orElseThrow().attributes());
    }

    @Test
    void aNumericIdIsItsText() {
        assertEquals("42", read("{\"message\": {\"messageId\": 42}}").orElseThrow().messageId());
    }

    @Test
    void theLastOfTwoEqualKeysCounts() {
        PubSubMessage m = read("{\"message\": {\"messageId\": \"a\", \"messageId\": \"b\","
                + " \"attributes\": {\"k\": \"1\", \"k\": \"2\"}}}").orElseThrow();
        assertEquals("b", m.messageId());
        assertEquals(Map.of("k", "2"), m.attributes());
        assertTrue(read("{\"message\": {\"data\": \"!!\"}, \"message\": {\"messageId\": \"c\"}}").isPresent());
        assertTrue(read("{\"message\": {}, \"message\": 1}").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "not json", "[]", "\"message\"", "{}", "{\"message\": null}", "{\"message\": \"x\"}",
        "{\"message\": []}", "{\"message\": {\"data\": \"not base64!\"}}", "{\"message\": {\"data\": {}}}",
        "{\"message\": {\"messageId\": [1]}}", "{\"message\": {\"attributes\": []}}",
        "{\"message\": {\"attributes\": {\"k\": null}}}", "{\"message\": {\"attributes\": {\"k\": {}}}}",
        "{\"message\": {}} {}", "{\"message\": {}", "{\"message\": {\"messageId\": \"a\"}} trailing"
    })
    void dataThatIsNotAPubSubMessageIsNone(String data) {
        assertTrue(read(data).isEmpty(), data);
    }
}
