package io.queryflux.engine.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A pooled connection that commits its transaction when closed. Queries run with autocommit
 * off so pgjdbc can stream them with a cursor; without the commit the pool would roll back
 * every write when the connection returns.
 */
final class CommitOnClose implements InvocationHandler {
    private final Connection delegate;

    private CommitOnClose(Connection delegate) {
        this.delegate = delegate;
    }

    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(CommitOnClose.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new CommitOnClose(connection));
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            try {
                if (!delegate.isClosed() && !delegate.getAutoCommit()) {
                    delegate.commit();
                }
            } catch (SQLException e) {
                // A failed or cancelled statement left the transaction aborted: roll it back.
                try {
                    delegate.rollback();
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            } finally {
                delegate.close();
            }
            return null;
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
