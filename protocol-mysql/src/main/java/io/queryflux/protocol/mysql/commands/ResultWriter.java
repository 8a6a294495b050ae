package io.queryflux.protocol.mysql.commands;

import io.queryflux.protocol.mysql.codec.EofPacket;
import io.queryflux.protocol.mysql.codec.ErrPacket;
import io.queryflux.protocol.mysql.codec.OkPacket;
import io.queryflux.protocol.mysql.codec.PacketOutput;
import io.queryflux.protocol.mysql.codec.PayloadWriter;
import java.io.IOException;
import java.util.List;

/**
 * Writes responses: OK, ERR, and result sets (column count, definitions, rows, end marker),
 * with or without EOF packets as the client negotiated. One payload buffer is reused for every
 * packet, so streaming a result allocates nothing per row beyond the values themselves.
 */
public final class ResultWriter {
    private final PacketOutput out;
    private final boolean deprecateEof;
    private final PayloadWriter payload = new PayloadWriter(1024);

    public ResultWriter(PacketOutput out, boolean deprecateEof) {
        this.out = out;
        this.deprecateEof = deprecateEof;
    }

    public PacketOutput output() {
        return out;
    }

    public void ok(long affectedRows, int status) throws IOException {
        out.write(new OkPacket(affectedRows, 0, status, 0, "").encode(payload.reset(), false));
    }

    public void err(ErrPacket err) throws IOException {
        out.write(err.encode(payload.reset()));
    }

    public void raw(PayloadWriter packet) throws IOException {
        out.write(packet);
    }

    /**
     * The column count and definitions, then an EOF unless DEPRECATE_EOF; with {@code
     * alwaysTerminate} (a server-side cursor was opened) the EOF is sent in any case.
     */
    void columns(List<MySqlColumnType> types, List<String> names, String table, boolean alwaysTerminate, int status)
            throws IOException {
        out.write(payload.reset().lenencInt(types.size()));
        for (int i = 0; i < types.size(); i++) {
            out.write(types.get(i).definition("", table, names.get(i)).encode(payload.reset()));
        }
        if (!deprecateEof || alwaysTerminate) {
            out.write(new EofPacket(0, status).encode(payload.reset()));
        }
    }

    void row(Object[] values, List<MySqlColumnType> types, RowFormat format) throws IOException {
        format.encode(payload.reset(), values, types);
        out.write(payload);
    }

    /** Ends rows (or a field list): EOF, or the 0xFE-headed OK under DEPRECATE_EOF. */
    public void end(int status) throws IOException {
        if (deprecateEof) {
            out.write(OkPacket.of(status).encode(payload.reset(), true));
        } else {
            out.write(new EofPacket(0, status).encode(payload.reset()));
        }
    }

    /** An EOF packet in any case (COM_SET_OPTION's reply, parameter definitions of old clients). */
    void eof(int status) throws IOException {
        out.write(new EofPacket(0, status).encode(payload.reset()));
    }

    boolean deprecateEof() {
        return deprecateEof;
    }

    public void flush() throws IOException {
        out.flush();
    }
}
