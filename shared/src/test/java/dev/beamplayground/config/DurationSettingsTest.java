package dev.beamplayground.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.DependencyInjectionException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSettingsTest {
    @ParameterizedTest
    @CsvSource({
            "10s, PT10S", "500ms, PT0.5S", "15m, PT15M", "2h, PT2H", "1d, PT24H", "250us, PT0.00025S",
            "100ns, PT0.0000001S", "-1s, PT-1S", "PT10S, PT10S", "' 30s ', PT30S", "0s, PT0S"})
    void readsEveryDocumentedForm(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationSettings.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "10 s", "10sec", "1w", "10S", "ten seconds", "99999999999999999999s",
            "9223372036854775807d", "P"})
    void refusesWhatIsNotADuration(String text) {
        assertTrue(DurationSettings.parse(text).isEmpty(), text);
    }

    /** The registrar reaches the context as a service: a setting binds without micronaut-context. */
    @ParameterizedTest
    @CsvSource({"7s, PT7S", "1500ms, PT1.5S"})
    void bindsThroughTheContext(String text, String iso) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("pipeline.ttl", text))) {
            assertEquals(Duration.parse(iso), context.getBean(PipelineConfiguration.class).getTtl());
        }
    }

    @org.junit.jupiter.api.Test
    void aWrongSettingNamesItsKey() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("pipeline.ttl", "soon"))) {
            Exception e = assertThrows(DependencyInjectionException.class,
                    () -> context.getBean(PipelineConfiguration.class));
            assertTrue(e.getMessage().contains("ttl"), e.getMessage());
        }
    }
}
