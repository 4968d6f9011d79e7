package dev.beamplayground.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void lineBreaksEscapesAndNonAsciiBecomeQuestionMarks() {
        assertEquals("a??FORGED-LOG-LINE ?[31m ?t?", Printable.of("a\r\nFORGED-LOG-LINE \u001b[31m \u00e9t\u2028"));
    }

    @Test
    void longValuesAreCutAndNullIsNamed() {
        assertEquals("abc...", Printable.of("abcdef", 3));
        assertEquals("abc", Printable.of("abc", 3));
        assertEquals("x".repeat(Printable.DEFAULT_MAX) + "...", Printable.of("x".repeat(1000)));
        assertEquals("null", Printable.of(null));
    }
}
