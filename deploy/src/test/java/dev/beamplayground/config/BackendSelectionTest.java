package dev.beamplayground.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.store.spi.BackendConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendSelectionTest {
    private static BackendSelection selection(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            return context.getBean(BackendSelection.class);
        }
    }

    @Test
    void nestedAndHyphenatedKeysMeanTheSameSetting() {
        BackendSelection nested = selection(Map.of("backend.module", "datastore",
                "backend.emulator.host", "127.0.0.1:8081"));
        assertEquals("127.0.0.1:8081", nested.selection().config().get("emulator-host"));
    }

    @Test
    void theDefaultBackendIsDatastore() {
        assertEquals("datastore", selection(Map.of()).selection().provider().name());
    }

    @Test
    void aWrongSettingStopsTheStartNamingTheKey() {
        BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                () -> selection(Map.of("backend.module", "sqlite", "backend.path", "x.db", "backend.colour", "red")));
        Throwable cause = e;
        while (!(cause instanceof BackendConfigException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof BackendConfigException, e.toString());
        assertTrue(cause.getMessage().contains("backend.colour"), cause.getMessage());
    }
}
