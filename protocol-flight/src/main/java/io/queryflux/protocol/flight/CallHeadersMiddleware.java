package io.queryflux.protocol.flight;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Keeps each call's request headers so the producer can build the query's session from them
 * (a producer sees only the peer identity otherwise).
 */
final class CallHeadersMiddleware implements FlightServerMiddleware {
    static final Key<CallHeadersMiddleware> KEY = Key.of("queryflux-call-headers");

    private final Map<String, String> headers;

    private CallHeadersMiddleware(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /** Text headers, names in lower case; binary ({@code -bin}) headers are left out. */
    Map<String, String> headers() {
        return headers;
    }

    static final class Factory implements FlightServerMiddleware.Factory<CallHeadersMiddleware> {
        @Override
        public CallHeadersMiddleware onCallStarted(CallInfo info, CallHeaders incoming, RequestContext context) {
            Map<String, String> headers = new HashMap<>();
            for (String key : incoming.keys()) {
                if (!key.endsWith("-bin")) {
                    String value = incoming.get(key);
                    if (value != null) {
                        headers.put(key.toLowerCase(Locale.ROOT), value);
                    }
                }
            }
            return new CallHeadersMiddleware(headers);
        }
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

    @Override
    public void onCallCompleted(CallStatus status) {}

    @Override
    public void onCallErrored(Throwable err) {}
}
