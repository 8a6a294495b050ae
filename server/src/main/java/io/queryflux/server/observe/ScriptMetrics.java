package io.queryflux.server.observe;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.queryflux.routing.python.ScriptFailure;
import io.queryflux.routing.python.ScriptObserver;
import java.util.List;
import java.util.Locale;

/** {@code queryflux_script_errors_total{script,kind}}: Python router and strategy failures and timeouts. */
public final class ScriptMetrics implements ScriptObserver {
    private final MeterRegistry registry;

    public ScriptMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void failed(String script, ScriptFailure kind) {
        registry.getOrCreate(Counter.builder("queryflux_script_errors_total")
                .tags(List.of(Tag.create("script", script), Tag.create("kind", kind.name().toLowerCase(Locale.ROOT))))
                .description("Python script calls that raised, timed out or returned a bad value"))
                .increment();
    }
}
