package io.queryflux.sql;

/**
 * Writes the corpus as {@code source<TAB>sql} lines (newlines in the SQL as {@code \n}), so that
 * bench/sqlglot-translation.py can time sqlglot on exactly the statements JMH times here.
 */
public final class CorpusExport {
    private CorpusExport() {}

    public static void main(String[] args) {
        for (CorpusCase c : CorpusCase.loadAll()) {
            System.out.println(c.source().configName() + "\t" + c.sql().replace("\\", "\\\\").replace("\n", "\\n"));
        }
    }
}
