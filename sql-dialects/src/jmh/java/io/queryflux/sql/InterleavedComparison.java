package io.queryflux.sql;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Compares the full-translation cost of two builds of this module in one JVM: each build's classes
 * are loaded in their own class loader over one shared JSQLParser, and passes over the corpus
 * alternate between them, so both see the same JIT state of the parser and the same load on a
 * shared machine (where separate JMH runs swing by 2x). Prints, per build, the median over the
 * corpus of each statement's median time, the p90 of those, and the mean.
 *
 * <p>Arguments: test-classes directory (corpus and {@link CorpusPass}), then one main-classes
 * directory per build. Run with bench/translation-compare.sh.
 */
public final class InterleavedComparison {
    private static final int WARMUP_PASSES = 30;
    private static final int MEASURED_PASSES = 60;

    private InterleavedComparison() {}

    public static void main(String[] args) throws Exception {
        URL testClasses = Path.of(args[0]).toUri().toURL();
        URL parserJar = CCJSqlParser.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parser = new URLClassLoader(new URL[] {parserJar}, ClassLoader.getPlatformClassLoader());
        List<Method> passes = new ArrayList<>();
        for (int b = 1; b < args.length; b++) {
            ClassLoader build = new URLClassLoader(new URL[] {Path.of(args[b]).toUri().toURL(), testClasses}, parser);
            passes.add(build.loadClass(CorpusPass.class.getName()).getMethod("run"));
        }
        List<List<long[]>> results = new ArrayList<>();
        passes.forEach(p -> results.add(new ArrayList<>()));
        for (int round = 0; round < WARMUP_PASSES + MEASURED_PASSES; round++) {
            for (int b = 0; b < passes.size(); b++) {
                long[] nanos = (long[]) passes.get(b).invoke(null);
                if (round >= WARMUP_PASSES) {
                    results.get(b).add(nanos);
                }
            }
        }
        for (int b = 0; b < passes.size(); b++) {
            print(args[b + 1], results.get(b));
        }
    }

    private static void print(String build, List<long[]> passes) {
        int cases = passes.get(0).length;
        long[] medians = new long[cases];
        double total = 0;
        for (int i = 0; i < cases; i++) {
            long[] samples = new long[passes.size()];
            for (int p = 0; p < samples.length; p++) {
                samples[p] = passes.get(p)[i];
                total += samples[p];
            }
            Arrays.sort(samples);
            medians[i] = samples[samples.length / 2];
        }
        Arrays.sort(medians);
        System.out.printf("%-40s median %7.1f us   p90 %7.1f us   mean %7.1f us%n", build,
                medians[cases / 2] / 1000.0, medians[(int) (cases * 0.9)] / 1000.0, total / cases / passes.size() / 1000.0);
    }
}
