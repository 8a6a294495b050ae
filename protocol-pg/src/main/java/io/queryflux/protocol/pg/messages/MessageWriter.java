package io.queryflux.protocol.pg.messages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes backend messages. Each message is built in a reusable buffer and handed to the
 * underlying (buffered) stream, which blocks when the client does not read: that block is the
 * backpressure that stops the proxy pulling more rows from the engine.
 */
public final class MessageWriter {
    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int pos;
    private int start = -1;

    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    // ---- building blocks, used by the typed messages below and by DataRow encoding ----

    public MessageWriter begin(char type) {
        if (start >= 0) {
            throw new IllegalStateException("message already open");
        }
        pos = 0;
        ensure(5);
        buf[pos++] = (byte) type;
        start = pos;
        pos += 4;
        return this;
    }

    public MessageWriter int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter int32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    public MessageWriter cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Reserves a length word to be patched by {@link #patchLength(int)}; returns its position. */
    public int reserveLength() {
        ensure(4);
        int at = pos;
        pos += 4;
        return at;
    }

    /** Writes the number of bytes written since the reserved word into it. */
    public void patchLength(int at) {
        int length = pos - at - 4;
        buf[at] = (byte) (length >>> 24);
        buf[at + 1] = (byte) (length >>> 16);
        buf[at + 2] = (byte) (length >>> 8);
        buf[at + 3] = (byte) length;
    }

    /** Direct access for value encoders that write in place. */
    public void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public void send() throws IOException {
        int length = pos - start;
        buf[start] = (byte) (length >>> 24);
        buf[start + 1] = (byte) (length >>> 16);
        buf[start + 2] = (byte) (length >>> 8);
        buf[start + 3] = (byte) length;
        start = -1;
        out.write(buf, 0, pos);
        if (buf.length > 1 << 20) {
            buf = new byte[8192]; // do not keep a huge row's buffer for the life of the connection
        }
    }

    /** Drops a half-built message after a failure while encoding it. */
    public void discard() {
        start = -1;
        pos = 0;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Writes raw bytes outside any message (the answer to SSLRequest). */
    public void raw(int b) throws IOException {
        out.write(b);
    }

    // ---- typed messages ----

    public void authenticationOk() throws IOException {
        begin('R').int32(0).send();
    }

    public void authenticationCleartextPassword() throws IOException {
        begin('R').int32(3).send();
    }

    public void authenticationMd5Password(byte[] salt) throws IOException {
        begin('R').int32(5).bytes(salt).send();
    }

    public void authenticationSasl(List<String> mechanisms) throws IOException {
        begin('R').int32(10);
        for (String mechanism : mechanisms) {
            cstring(mechanism);
        }
        int8(0).send();
    }

    public void authenticationSaslContinue(byte[] data) throws IOException {
        begin('R').int32(11).bytes(data).send();
    }

    public void authenticationSaslFinal(byte[] data) throws IOException {
        begin('R').int32(12).bytes(data).send();
    }

    public void parameterStatus(String name, String value) throws IOException {
        begin('S').cstring(name).cstring(value).send();
    }

    public void backendKeyData(int processId, int secret) throws IOException {
        begin('K').int32(processId).int32(secret).send();
    }

    public void readyForQuery(TransactionStatus status) throws IOException {
        begin('Z').int8(status.code()).send();
    }

    public void rowDescription(List<FieldDescription> fields) throws IOException {
        begin('T').int16(fields.size());
        for (FieldDescription f : fields) {
            cstring(f.name()).int32(0).int16(0).int32(f.typeOid()).int16(f.typeSize()).int32(f.typeModifier())
                    .int16(f.format().code());
        }
        send();
    }

    public void parameterDescription(List<Integer> typeOids) throws IOException {
        begin('t').int16(typeOids.size());
        for (int oid : typeOids) {
            int32(oid);
        }
        send();
    }

    public void commandComplete(String tag) throws IOException {
        begin('C').cstring(tag).send();
    }

    public void emptyQueryResponse() throws IOException {
        begin('I').send();
    }

    public void parseComplete() throws IOException {
        begin('1').send();
    }

    public void bindComplete() throws IOException {
        begin('2').send();
    }

    public void closeComplete() throws IOException {
        begin('3').send();
    }

    public void noData() throws IOException {
        begin('n').send();
    }

    public void portalSuspended() throws IOException {
        begin('s').send();
    }

    public void errorResponse(PgError error) throws IOException {
        notice('E', error);
    }

    public void noticeResponse(PgError notice) throws IOException {
        notice('N', notice);
    }

    private void notice(char type, PgError error) throws IOException {
        begin(type)
                .int8('S').cstring(error.severity().name())
                .int8('V').cstring(error.severity().name())
                .int8('C').cstring(error.sqlState())
                .int8('M').cstring(error.message())
                .int8(0)
                .send();
    }
}
