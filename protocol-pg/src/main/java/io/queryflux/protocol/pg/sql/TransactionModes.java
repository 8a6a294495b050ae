package io.queryflux.protocol.pg.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transaction modes of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION
 * CHARACTERISTICS AS TRANSACTION: an isolation level and an access mode, each if given.
 *
 * @param isolation PostgreSQL's setting value ({@code repeatable read})
 * @param readOnly whether READ ONLY (true) or READ WRITE (false) was given
 */
public record TransactionModes(Optional<String> isolation, Optional<Boolean> readOnly) {
    private static final Pattern ISOLATION = Pattern.compile(
            "\\bISOLATION\\s+LEVEL\\s+(READ\\s+UNCOMMITTED|READ\\s+COMMITTED|REPEATABLE\\s+READ|SERIALIZABLE)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCESS = Pattern.compile("\\bREAD\\s+(ONLY|WRITE)\\b", Pattern.CASE_INSENSITIVE);

    /** The modes written in the statement (comments stripped). */
    public static TransactionModes of(String statement) {
        Matcher isolation = ISOLATION.matcher(statement);
        Optional<String> level = isolation.find()
                ? Optional.of(isolation.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)) : Optional.empty();
        // READ COMMITTED/UNCOMMITTED are levels, not access modes: look past the level.
        Matcher access = ACCESS.matcher(level.isPresent() ? isolation.replaceFirst("") : statement);
        Optional<Boolean> readOnly = access.find()
                ? Optional.of(access.group(1).equalsIgnoreCase("ONLY")) : Optional.empty();
        return new TransactionModes(level, readOnly);
    }
}
