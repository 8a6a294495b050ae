package io.queryflux.protocol.pg.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec without a socket: messages decode from their bodies, and bad bodies are protocol errors. */
class FrontendDecoderTest {
    @Test
    void decodesBindWithNullAndBinaryParameters() throws PgProtocolException {
        ByteBuffer body = ByteBuffer.allocate(64);
        body.put("p1\0s1\0".getBytes(StandardCharsets.US_ASCII));
        body.putShort((short) 1).putShort((short) 1); // one format code: binary for all
        body.putShort((short) 2).putInt(4).putInt(42).putInt(-1);
        body.putShort((short) 0);
        FrontendMessage.Bind bind = (FrontendMessage.Bind) FrontendDecoder.decode((byte) 'B',
                java.util.Arrays.copyOf(body.array(), body.position()));
        assertEquals("p1", bind.portal());
        assertEquals("s1", bind.statement());
        assertEquals(Format.BINARY, bind.parameterFormat(1));
        assertArrayEquals(new byte[] {0, 0, 0, 42}, bind.values().get(0));
        assertNull(bind.values().get(1));
    }

    @Test
    void decodesStartupParameters() throws PgProtocolException {
        ByteBuffer body = ByteBuffer.allocate(64).putInt(StartupPacket.PROTOCOL_3_0);
        body.put("user\0ann\0database\0db\0\0".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new StartupPacket.Startup(Map.of("user", "ann", "database", "db")),
                FrontendDecoder.decodeStartup(java.util.Arrays.copyOf(body.array(), body.position())));
    }

    @Test
    void rejectsTruncatedAndTrailingBytes() {
        assertThrows(PgProtocolException.class, () -> FrontendDecoder.decode((byte) 'Q', "no terminator".getBytes()));
        assertThrows(PgProtocolException.class, () -> FrontendDecoder.decode((byte) 'E', new byte[] {0, 0, 0}));
        assertThrows(PgProtocolException.class, () -> FrontendDecoder.decode((byte) 'S', new byte[] {1}));
        assertThrows(PgProtocolException.class, () -> FrontendDecoder.decode((byte) 'D', new byte[] {'X', 0}));
    }

    @Test
    void maximumLengthsDependOnTheType() {
        assertEquals(0, FrontendDecoder.maxLength((byte) 'S', 1 << 20));
        assertEquals(1 << 20, FrontendDecoder.maxLength((byte) 'Q', 1 << 20));
        assertEquals(-1, FrontendDecoder.maxLength((byte) '!', 1 << 20));
    }

    @Test
    void parseKeepsDeclaredParameterTypes() throws PgProtocolException {
        ByteBuffer body = ByteBuffer.allocate(64);
        body.put("\0SELECT $1\0".getBytes(StandardCharsets.US_ASCII)).putShort((short) 2).putInt(23).putInt(0);
        FrontendMessage.Parse parse = (FrontendMessage.Parse) FrontendDecoder.decode((byte) 'P',
                java.util.Arrays.copyOf(body.array(), body.position()));
        assertEquals(List.of(23, 0), parse.parameterTypes());
    }
}
