package io.queryflux.protocol.mysql.catalog;

import io.queryflux.engine.ListCursor;
import io.queryflux.engine.Column;
import io.queryflux.engine.SqlType;
import io.queryflux.protocol.mysql.codec.ErrorNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SHOW} statements. Variables, warnings, collations and character sets are answered by
 * the proxy; databases, tables, columns and table definitions become queries on the routed
 * engine's MySQL-shaped information_schema mirror, with MySQL's column names and types.
 */
final class ShowStatements {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final String FILTER = "(?:\\s+LIKE\\s+(" + SqlText.STRING + ")|\\s+WHERE\\s+(.+?))?\\s*;?\\s*";
    private static final Pattern VARIABLES = Pattern.compile("SHOW\\s+(?:GLOBAL\\s+|SESSION\\s+|LOCAL\\s+)?VARIABLES" + FILTER, FLAGS);
    private static final Pattern STATUS = Pattern.compile("SHOW\\s+(?:GLOBAL\\s+|SESSION\\s+|LOCAL\\s+)?STATUS" + FILTER, FLAGS);
    private static final Pattern WARNINGS = Pattern.compile("SHOW\\s+(?:WARNINGS|ERRORS)(?:\\s+LIMIT\\s+[\\d,\\s]+)?\\s*;?\\s*", FLAGS);
    private static final Pattern WARNING_COUNT = Pattern.compile("SHOW\\s+COUNT\\s*\\(\\s*\\*\\s*\\)\\s+(?:WARNINGS|ERRORS)\\s*;?\\s*", FLAGS);
    private static final Pattern COLLATION = Pattern.compile("SHOW\\s+COLLATION" + FILTER, FLAGS);
    private static final Pattern CHARSET = Pattern.compile("SHOW\\s+(?:CHARACTER\\s+SET|CHARSET)" + FILTER, FLAGS);
    private static final Pattern ENGINES = Pattern.compile("SHOW\\s+(?:STORAGE\\s+)?ENGINES\\s*;?\\s*", FLAGS);
    private static final Pattern DATABASES = Pattern.compile("SHOW\\s+(?:DATABASES|SCHEMAS)" + FILTER, FLAGS);
    private static final Pattern TABLES = Pattern.compile(
            "SHOW\\s+(FULL\\s+)?TABLES(?:\\s+(?:FROM|IN)\\s+(" + SqlText.IDENT + "))?" + FILTER, FLAGS);
    private static final Pattern COLUMNS = Pattern.compile("SHOW\\s+(FULL\\s+)?(?:COLUMNS|FIELDS)\\s+(?:FROM|IN)\\s+("
            + SqlText.IDENT + ")(?:\\.(" + SqlText.IDENT + "))?(?:\\s+(?:FROM|IN)\\s+(" + SqlText.IDENT + "))?" + FILTER, FLAGS);
    private static final Pattern CREATE_TABLE = Pattern.compile("SHOW\\s+CREATE\\s+TABLE\\s+(" + SqlText.IDENT
            + ")(?:\\.(" + SqlText.IDENT + "))?\\s*;?\\s*", FLAGS);
    private static final Pattern TABLE_STATUS = Pattern.compile(
            "SHOW\\s+TABLE\\s+STATUS(?:\\s+(?:FROM|IN)\\s+(" + SqlText.IDENT + "))?" + FILTER, FLAGS);
    private static final String MIRROR = InformationSchemaMirror.SCHEMA;
    private static final Pattern KEYS = Pattern.compile("SHOW\\s+(?:EXTENDED\\s+)?(?:INDEX|INDEXES|KEYS)\\s+(?:FROM|IN)\\s+.+", FLAGS);
    private static final Pattern WHERE_NAME = Pattern.compile(
            "`?(\\w+)`?\\s*(?:=\\s*(" + SqlText.STRING + ")|LIKE\\s+(" + SqlText.STRING + ")|IN\\s*\\((.+)\\))\\s*", FLAGS);

    private static final List<Object[]> COLLATIONS = List.of(
            new Object[] {"ascii_general_ci", "ascii", 11L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[] {"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"},
            new Object[] {"latin1_swedish_ci", "latin1", 8L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[] {"utf8mb3_general_ci", "utf8mb3", 33L, "Yes", "Yes", 1L, "PAD SPACE"},
            new Object[] {"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD"},
            new Object[] {"utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE"},
            new Object[] {"utf8mb4_general_ci", "utf8mb4", 45L, "", "Yes", 1L, "PAD SPACE"});
    private static final List<Object[]> CHARSETS = List.of(
            new Object[] {"ascii", "US ASCII", "ascii_general_ci", 1L},
            new Object[] {"binary", "Binary pseudo charset", "binary", 1L},
            new Object[] {"latin1", "cp1252 West European", "latin1_swedish_ci", 1L},
            new Object[] {"utf8mb3", "UTF-8 Unicode", "utf8mb3_general_ci", 3L},
            new Object[] {"utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L});

    private ShowStatements() {}

    static Optional<ProxyAnswer> answer(String statement, SessionState session) {
        Matcher m;
        if ((m = VARIABLES.matcher(statement)).matches()) {
            return Optional.of(nameValue(session.variables().matching(filter(m.group(1), m.group(2), "variable_name")),
                    "Variable_name"));
        }
        if ((m = STATUS.matcher(statement)).matches()) {
            Predicate<String> f = filter(m.group(1), m.group(2), "variable_name");
            List<Map.Entry<String, Optional<Object>>> status = new ArrayList<>();
            for (Map.Entry<String, Optional<Object>> e : List.of(Map.entry("Threads_connected", Optional.<Object>of(1L)),
                    Map.entry("Uptime", Optional.<Object>of(uptimeSeconds())))) {
                if (f.test(e.getKey())) {
                    status.add(e);
                }
            }
            return Optional.of(nameValue(status, "Variable_name"));
        }
        if (WARNINGS.matcher(statement).matches()) {
            return Optional.of(table(List.of(col("Level"), new Column("Code", SqlType.BIGINT), col("Message")), List.of()));
        }
        if (WARNING_COUNT.matcher(statement).matches()) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {0L});
            return Optional.of(table(List.of(new Column("@@session.warning_count", SqlType.BIGINT)), rows));
        }
        if ((m = COLLATION.matcher(statement)).matches()) {
            Predicate<String> f = filter(m.group(1), m.group(2), "collation");
            return Optional.of(table(List.of(col("Collation"), col("Charset"), new Column("Id", SqlType.BIGINT),
                    col("Default"), col("Compiled"), new Column("Sortlen", SqlType.BIGINT), col("Pad_attribute")),
                    COLLATIONS.stream().filter(r -> f.test((String) r[0])).toList()));
        }
        if ((m = CHARSET.matcher(statement)).matches()) {
            Predicate<String> f = filter(m.group(1), m.group(2), "charset");
            return Optional.of(table(List.of(col("Charset"), col("Description"), col("Default collation"),
                    new Column("Maxlen", SqlType.BIGINT)), CHARSETS.stream().filter(r -> f.test((String) r[0])).toList()));
        }
        if (ENGINES.matcher(statement).matches()) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"QueryFlux", "DEFAULT", "Queries run on the routed cluster group's engine", "NO",
                "NO", "NO"});
            return Optional.of(table(List.of(col("Engine"), col("Support"), col("Comment"), col("Transactions"),
                    col("XA"), col("Savepoints")), rows));
        }
        if (KEYS.matcher(statement).matches()) {
            // Engines behind the proxy expose no MySQL-style index metadata; an empty result
            // with MySQL's columns lets DatabaseMetaData.getPrimaryKeys/getIndexInfo work.
            return Optional.of(table(List.of(col("Table"), new Column("Non_unique", SqlType.BIGINT), col("Key_name"),
                    new Column("Seq_in_index", SqlType.BIGINT), col("Column_name"), col("Collation"),
                    new Column("Cardinality", SqlType.BIGINT), col("Sub_part"), col("Packed"), col("Null"),
                    col("Index_type"), col("Comment"), col("Index_comment"), col("Visible"), col("Expression")),
                    List.of()));
        }
        if ((m = DATABASES.matcher(statement)).matches()) {
            return Optional.of(catalog("SELECT SCHEMA_NAME FROM " + MIRROR + ".SCHEMATA"
                    + where(List.of(), "SCHEMA_NAME", m.group(1)) + " ORDER BY SCHEMA_NAME", List.of("Database")));
        }
        if ((m = CREATE_TABLE.matcher(statement)).matches()) {
            return Optional.of(createTable(m, session));
        }
        if ((m = TABLE_STATUS.matcher(statement)).matches()) {
            Optional<String> database = Optional.ofNullable(m.group(1)).map(SqlText::unquoteIdentifier)
                    .or(session::database);
            if (database.isEmpty()) {
                return Optional.of(noDatabase());
            }
            return Optional.of(catalog("SELECT TABLE_NAME, ENGINE, VERSION, ROW_FORMAT, TABLE_ROWS, AVG_ROW_LENGTH,"
                    + " DATA_LENGTH, MAX_DATA_LENGTH, INDEX_LENGTH, DATA_FREE, AUTO_INCREMENT, CREATE_TIME, UPDATE_TIME,"
                    + " CHECK_TIME, TABLE_COLLATION, CHECKSUM, CREATE_OPTIONS, TABLE_COMMENT FROM " + MIRROR + ".TABLES"
                    + where(List.of("TABLE_SCHEMA = " + SqlText.literal(database.get())), "TABLE_NAME", m.group(2))
                    + " ORDER BY TABLE_NAME", List.of("Name", "Engine", "Version", "Row_format", "Rows",
                    "Avg_row_length", "Data_length", "Max_data_length", "Index_length", "Data_free", "Auto_increment",
                    "Create_time", "Update_time", "Check_time", "Collation", "Checksum", "Create_options", "Comment")));
        }
        if ((m = TABLES.matcher(statement)).matches()) {
            Optional<String> database = Optional.ofNullable(m.group(2)).map(SqlText::unquoteIdentifier)
                    .or(session::database);
            if (database.isEmpty()) {
                return Optional.of(noDatabase());
            }
            boolean full = m.group(1) != null;
            List<String> names = full
                    ? List.of("Tables_in_" + database.get(), "Table_type")
                    : List.of("Tables_in_" + database.get());
            return Optional.of(catalog("SELECT TABLE_NAME" + (full ? ", TABLE_TYPE" : "") + " FROM " + MIRROR
                    + ".TABLES" + where(List.of("TABLE_SCHEMA = " + SqlText.literal(database.get())), "TABLE_NAME",
                    m.group(3)) + " ORDER BY TABLE_NAME", names));
        }
        if ((m = COLUMNS.matcher(statement)).matches()) {
            return Optional.of(columns(m, session));
        }
        return Optional.empty();
    }

    private static ProxyAnswer columns(Matcher m, SessionState session) {
        String first = SqlText.unquoteIdentifier(m.group(2));
        String table = m.group(3) != null ? SqlText.unquoteIdentifier(m.group(3)) : first;
        Optional<String> database = Optional.ofNullable(m.group(4)).map(SqlText::unquoteIdentifier)
                .or(() -> Optional.ofNullable(m.group(3)).map(t -> first))
                .or(session::database);
        if (database.isEmpty()) {
            return noDatabase();
        }
        boolean full = m.group(1) != null;
        List<String> conditions = List.of("TABLE_SCHEMA = " + SqlText.literal(database.get()),
                "TABLE_NAME = " + SqlText.literal(table));
        String filter = where(conditions, "COLUMN_NAME", m.group(5));
        // Without a filter, no rows means no such table (MySQL's error); with one, maybe no match.
        Optional<ProxyAnswer.Failure> whenEmpty = m.group(5) == null && m.group(6) == null
                ? Optional.of(noTable(database.get(), table)) : Optional.empty();
        return full
                ? new ProxyAnswer.CatalogQuery("SELECT COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, IS_NULLABLE,"
                        + " COLUMN_KEY, COLUMN_DEFAULT, EXTRA, PRIVILEGES, COLUMN_COMMENT FROM " + MIRROR + ".COLUMNS"
                        + filter + " ORDER BY ORDINAL_POSITION", List.of("Field", "Type", "Collation", "Null", "Key",
                        "Default", "Extra", "Privileges", "Comment"), whenEmpty)
                : new ProxyAnswer.CatalogQuery("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY,"
                        + " COLUMN_DEFAULT, EXTRA FROM " + MIRROR + ".COLUMNS" + filter + " ORDER BY ORDINAL_POSITION",
                        List.of("Field", "Type", "Null", "Key", "Default", "Extra"), whenEmpty);
    }

    /** {@code SHOW CREATE TABLE}: a CREATE TABLE with the columns' MySQL types and nullability. */
    private static ProxyAnswer createTable(Matcher m, SessionState session) {
        String first = SqlText.unquoteIdentifier(m.group(1));
        String table = m.group(2) != null ? SqlText.unquoteIdentifier(m.group(2)) : first;
        Optional<String> database = m.group(2) != null ? Optional.of(first) : session.database();
        if (database.isEmpty()) {
            return noDatabase();
        }
        return new ProxyAnswer.CatalogQuery("SELECT TABLE_NAME, 'CREATE TABLE `' || replace(TABLE_NAME, '`', '``')"
                + " || '` (' || chr(10) || string_agg('  `' || replace(COLUMN_NAME, '`', '``') || '` ' || COLUMN_TYPE"
                + " || CASE WHEN IS_NULLABLE = 'NO' THEN ' NOT NULL' ELSE '' END, ',' || chr(10)"
                + " ORDER BY ORDINAL_POSITION) || chr(10) || ')' FROM " + MIRROR + ".COLUMNS WHERE TABLE_SCHEMA = "
                + SqlText.literal(database.get()) + " AND TABLE_NAME = " + SqlText.literal(table)
                + " GROUP BY TABLE_NAME", List.of("Table", "Create Table"),
                Optional.of(noTable(database.get(), table)));
    }

    private static ProxyAnswer catalog(String mirrorSql, List<String> columnNames) {
        return new ProxyAnswer.CatalogQuery(mirrorSql, columnNames, Optional.empty());
    }

    private static ProxyAnswer.Failure noTable(String database, String table) {
        return new ProxyAnswer.Failure(ErrorNumbers.ER_NO_SUCH_TABLE, "Table '" + database + "." + table
                + "' doesn't exist");
    }

    private static ProxyAnswer noDatabase() {
        return new ProxyAnswer.Failure(ErrorNumbers.ER_NO_DB_ERROR, "No database selected");
    }

    private static String where(List<String> conditions, String nameColumn, String likeLiteral) {
        List<String> all = new ArrayList<>(conditions);
        if (likeLiteral != null) {
            // MySQL compares names case-insensitively here and escapes LIKE wildcards with a backslash.
            all.add(nameColumn + " ILIKE " + SqlText.literal(SqlText.unquoteString(likeLiteral)) + " ESCAPE '\\'");
        }
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    /** A LIKE pattern or a simple WHERE on the name column (=, LIKE, IN), as clients send them. */
    private static Predicate<String> filter(String likeLiteral, String whereClause, String nameColumn) {
        if (likeLiteral != null) {
            String pattern = SqlText.unquoteString(likeLiteral);
            return name -> SqlText.like(name, pattern);
        }
        if (whereClause != null) {
            Matcher where = WHERE_NAME.matcher(whereClause);
            if (where.matches() && where.group(1).equalsIgnoreCase(nameColumn)) {
                if (where.group(2) != null) {
                    String value = SqlText.unquoteString(where.group(2));
                    return name -> name.equalsIgnoreCase(value);
                }
                if (where.group(3) != null) {
                    String pattern = SqlText.unquoteString(where.group(3));
                    return name -> SqlText.like(name, pattern);
                }
                List<String> values = SqlText.splitTopLevel(where.group(4)).stream()
                        .map(SqlText::unquoteString).toList();
                return name -> values.stream().anyMatch(name::equalsIgnoreCase);
            }
            return name -> false;
        }
        return name -> true;
    }

    private static ProxyAnswer nameValue(List<Map.Entry<String, Optional<Object>>> entries, String nameLabel) {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Optional<Object>> e : entries) {
            rows.add(new Object[] {e.getKey(), e.getValue().map(String::valueOf).orElse(null)});
        }
        return table(List.of(col(nameLabel), col("Value")), rows);
    }

    private static Column col(String name) {
        return new Column(name, SqlType.VARCHAR);
    }

    private static ProxyAnswer table(List<Column> columns, List<Object[]> rows) {
        return new ProxyAnswer.Rows(ListCursor.ofArrays(columns, rows));
    }

    private static long uptimeSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }
}
