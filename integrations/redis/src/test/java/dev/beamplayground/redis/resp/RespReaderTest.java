package dev.beamplayground.redis.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespReaderTest {
    private static RespReader reader(String wire) {
        return new RespReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyRespTwoTypeIsRead() throws IOException {
        RespReader in = reader("+OK\r\n:-42\r\n$6\r\nhällo\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n"
                + "*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n-ERR in a table\r\n-NOSCRIPT No matching script\r\n");

        assertEquals("OK", in.read());
        assertEquals(-42L, in.read());
        assertEquals("hällo", in.read()); // six bytes of UTF-8
        assertEquals("", in.read());
        assertNull(in.read());
        assertNull(in.read());
        assertEquals(List.of(), in.read());
        List<?> nested = (List<?>) in.read();
        assertEquals(1L, nested.get(0));
        assertEquals(Arrays.asList("a", null), nested.get(1));
        assertEquals("ERR in a table", ((RespErrorReply) nested.get(2)).getMessage());
        assertEquals("NOSCRIPT No matching script", assertInstanceOf(RespErrorReply.class, in.read()).getMessage());
    }

    @Test
    void aBulkStringLongerThanTheBufferIsReadWhole() throws IOException {
        String big = "x".repeat(20_000) + "é";
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        RespReader in = reader("$" + bytes.length + "\r\n" + big + "\r\n+after\r\n");

        assertEquals(big, in.read());
        assertEquals("after", in.read());
    }

    @Test
    void whatIsNotRespBreaksTheRead() {
        assertThrows(IOException.class, () -> reader("?what\r\n").read());
        assertThrows(IOException.class, () -> reader("$3\r\nabcd\r\n").read());
        assertThrows(IOException.class, () -> reader("+OK\n").read());
        assertThrows(IOException.class, () -> reader(":12a\r\n").read());
        assertThrows(IOException.class, () -> reader("$-2\r\n").read());
        assertThrows(IOException.class, () -> reader("$" + (RespReader.MAX_BULK + 1L) + "\r\n").read());
        assertThrows(IOException.class, () -> reader("+" + "x".repeat(RespReader.MAX_LINE + 1) + "\r\n").read());
        assertThrows(EOFException.class, () -> reader("$10\r\nabc").read());
        assertThrows(EOFException.class, () -> reader("").read());
    }
}
