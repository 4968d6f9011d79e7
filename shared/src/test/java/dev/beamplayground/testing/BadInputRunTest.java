package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.connect.Headers;
import dev.beamplayground.testing.badinput.BadInputRun;
import dev.beamplayground.testing.badinput.BadRequest;
import dev.beamplayground.testing.badinput.MalformedRequests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log checks of {@link BadInputRun} can fail: a stand-in function that logs the request raw, as a careless
 * function would, must be caught forging a log line; the same function logging it escaped must pass.
 */
class BadInputRunTest {
    private static final Logger LOG = LoggerFactory.getLogger(BadInputRunTest.class);
    private static final BadRequest FORGING = new BadRequest("a forged line in the body", "POST",
            FunctionClient.SERVICE + "GetSnippet", "application/json",
            ("{\"id\":\"a\r\n" + MalformedRequests.FORGED + " admin logged in\"}").getBytes(StandardCharsets.UTF_8),
            Set.of(400));

    /** Answers every request with invalid_argument, after logging its body as {@code shown} makes it. */
    private static BadInputRun.Endpoint logging(java.util.function.UnaryOperator<String> shown) {
        return (method, path, body, headers) -> {
            LOG.warn("refused request: {}", shown.apply(new String(body, StandardCharsets.UTF_8)));
            return new FunctionResponse(400, Headers.of(Map.of("Content-Type", List.of("application/json"))),
                    "{\"code\":\"invalid_argument\",\"message\":\"bad id\"}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static List<Executable> run(BadInputRun.Endpoint endpoint) {
        return new BadInputRun("self-test", endpoint, () -> "unchanged").tests(List.of(FORGING))
                .map(DynamicTest::getExecutable).toList();
    }

    @Test
    void aFunctionThatLogsTheRequestRawIsCaughtForgingALogLine() {
        List<Executable> tests = run(logging(raw -> raw));
        assertEquals(2, tests.size(), "the capture probe, then the case");
        assertDoesNotThrow(tests.get(0));
        AssertionError e = assertThrows(AssertionError.class, tests.get(1));
        assertTrue(e.getMessage().contains("a forged log line"), e.getMessage());
    }

    @Test
    void theSameFunctionLoggingTheRequestEscapedPasses() throws Throwable {
        for (Executable test : run(logging(raw -> raw.replace("\r", "\\r").replace("\n", "\\n")))) {
            test.execute();
        }
    }
}
