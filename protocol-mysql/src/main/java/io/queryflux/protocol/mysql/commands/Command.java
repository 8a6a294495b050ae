package io.queryflux.protocol.mysql.commands;

import java.util.Optional;

/** The command bytes the proxy implements. */
enum Command {
    QUIT(0x01),
    INIT_DB(0x02),
    QUERY(0x03),
    FIELD_LIST(0x04),
    STATISTICS(0x09),
    PROCESS_KILL(0x0c),
    DEBUG(0x0d),
    PING(0x0e),
    STMT_PREPARE(0x16),
    STMT_EXECUTE(0x17),
    STMT_SEND_LONG_DATA(0x18),
    STMT_CLOSE(0x19),
    STMT_RESET(0x1a),
    SET_OPTION(0x1b),
    STMT_FETCH(0x1c),
    RESET_CONNECTION(0x1f);

    private static final Command[] BY_CODE = new Command[256];

    static {
        for (Command command : values()) {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;

    Command(int code) {
        this.code = code;
    }

    static Optional<Command> of(int code) {
        return Optional.ofNullable(BY_CODE[code & 0xff]);
    }
}
