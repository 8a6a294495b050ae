package io.queryflux.sql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One corpus query written natively in {@code source}, with the rows the source engine returns. */
record CorpusCase(
        Dialect source,
        String name,
        String sql,
        List<String> expectedRows,
        Optional<String> unsupported,
        Optional<String> trinoUnsupported,
        Optional<String> mariaDbDiffers) {

    static final List<Dialect> SOURCES = List.of(Dialect.MYSQL, Dialect.POSTGRES, Dialect.TRINO);

    CorpusCase {
        requireNonNull(source, "source is null");
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        expectedRows = List.copyOf(expectedRows);
        requireNonNull(unsupported, "unsupported is null");
        requireNonNull(trinoUnsupported, "trinoUnsupported is null");
        requireNonNull(mariaDbDiffers, "mariaDbDiffers is null");
    }

    String id() {
        return source.configName() + "/" + name;
    }

    /** Reads every case of every source dialect; see corpus/README.md for the format. */
    static List<CorpusCase> loadAll() {
        List<CorpusCase> all = new ArrayList<>();
        for (Dialect source : SOURCES) {
            all.addAll(parse(source, resource("corpus/" + source.configName() + ".txt")));
        }
        return List.copyOf(all);
    }

    static String resource(String path) {
        try (InputStream in = CorpusCase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CorpusCase> parse(Dialect source, String text) {
        List<CorpusCase> cases = new ArrayList<>();
        String[] blocks = text.split("(?m)^### ");
        for (int b = 1; b < blocks.length; b++) {
            String[] lines = blocks[b].split("\n", -1);
            String name = lines[0].strip();
            Optional<String> unsupported = Optional.empty();
            Optional<String> trinoUnsupported = Optional.empty();
            Optional<String> mariaDbDiffers = Optional.empty();
            StringBuilder sql = new StringBuilder();
            List<String> rows = new ArrayList<>();
            boolean inRows = false;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (inRows) {
                    if (!line.isEmpty()) {
                        rows.add(line);
                    }
                } else if (line.equals("---")) {
                    inRows = true;
                } else if (line.startsWith("-- unsupported:")) {
                    unsupported = Optional.of(line.substring("-- unsupported:".length()).strip());
                } else if (line.startsWith("-- trino: unsupported:")) {
                    trinoUnsupported = Optional.of(line.substring("-- trino: unsupported:".length()).strip());
                } else if (line.startsWith("-- mariadb:")) {
                    mariaDbDiffers = Optional.of(line.substring("-- mariadb:".length()).strip());
                } else if (!line.isBlank()) {
                    sql.append(sql.isEmpty() ? "" : "\n").append(line);
                }
            }
            if (!inRows) {
                throw new IllegalStateException("case " + source.configName() + "/" + name + " has no --- line");
            }
            cases.add(new CorpusCase(source, name, sql.toString(), rows, unsupported, trinoUnsupported, mariaDbDiffers));
        }
        return cases;
    }
}
