package io.queryflux.routing;

import static java.util.Objects.requireNonNull;

import io.queryflux.dispatch.Protocol;
import io.queryflux.dispatch.QueryRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/** One condition of a {@link CompoundRouter}. */
public sealed interface Condition {
    boolean matches(QueryRequest request);

    /** The condition in words, for the trace and the admin API. */
    String describe();

    record ProtocolIs(Protocol protocol) implements Condition {
        public ProtocolIs {
            requireNonNull(protocol, "protocol is null");
        }

        @Override
        public boolean matches(QueryRequest request) {
            return request.session().protocol() == protocol;
        }

        @Override
        public String describe() {
            return "protocol=" + protocol.configName();
        }
    }

    record HeaderEquals(String headerName, String headerValue) implements Condition {
        public HeaderEquals {
            requireNonNull(headerName, "headerName is null");
            requireNonNull(headerValue, "headerValue is null");
        }

        @Override
        public boolean matches(QueryRequest request) {
            return request.session().header(headerName).filter(headerValue::equals).isPresent();
        }

        @Override
        public String describe() {
            return "header " + headerName + "=" + headerValue;
        }
    }

    record UserIs(String user) implements Condition {
        public UserIs {
            requireNonNull(user, "user is null");
        }

        @Override
        public boolean matches(QueryRequest request) {
            return request.session().user().equals(user);
        }

        @Override
        public String describe() {
            return "user=" + user;
        }
    }

    record ClientTag(String key, Optional<String> value) implements Condition {
        public ClientTag {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public boolean matches(QueryRequest request) {
            return ClientTags.has(request.session().clientTags(), key, value);
        }

        @Override
        public String describe() {
            return "clientTag " + ClientTags.describe(key, value);
        }
    }

    record QueryMatches(Pattern regex) implements Condition {
        public QueryMatches {
            requireNonNull(regex, "regex is null");
        }

        @Override
        public boolean matches(QueryRequest request) {
            return regex.matcher(request.sql()).find();
        }

        @Override
        public String describe() {
            return "query ~ /" + regex.pattern() + "/";
        }
    }
}
