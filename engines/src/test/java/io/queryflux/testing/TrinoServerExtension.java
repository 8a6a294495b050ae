package io.queryflux.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM-wide {@link TestingTrinoServer} into test constructors, lifecycle methods and
 * tests: {@code @ExtendWith(TrinoServerExtension.class)} then a {@code TestingTrinoServer}
 * parameter.
 */
public final class TrinoServerExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestingTrinoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestingTrinoServer.get();
    }
}
