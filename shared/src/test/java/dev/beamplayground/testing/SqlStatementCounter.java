package dev.beamplayground.testing;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.upgrade.UpgradingStore;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SQL statements an SQLite store executes, by their first keyword ({@code SELECT}, {@code INSERT},
 * {@code BEGIN}, ...), without a hook in the main code: the store's one JDBC connection (opened here first, held by its
 * {@code SqliteDatabase}) is swapped, by reflection, for a proxy that counts every {@code execute*} of its statements. For benchmarks.
 */
public final class SqlStatementCounter {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private SqlStatementCounter() {
    }

    /** Installs a counter into {@code store}, which must be the sqlite backend's store. */
    public static SqlStatementCounter install(PlaygroundStore bean) {
        PlaygroundStore store = UpgradingStore.unwrap(bean);
        SqlStatementCounter counter = new SqlStatementCounter();
        try {
            store.countSnippets(); // opens the connection
            Object database = field(store, "db").get(store); // the store's SqliteDatabase holds the connection
            Field field = field(database, "connection");
            Connection real = (Connection) field.get(database);
            field.set(database, counter.wrap(Connection.class, real, null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not an SQLite store whose 'db' holds a 'connection': " + store.getClass(),
                    e);
        }
        return counter;
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Statements by keyword since the last {@link #reset()}, sorted. */
    public Map<String, Integer> byKeyword() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }

    private <T> T wrap(Class<T> type, T target, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                count(sql);
            }
            Object result = invoke(target, method, args);
            if (target instanceof Connection && result instanceof PreparedStatement ps) {
                return wrap(PreparedStatement.class, ps, (String) args[0]);
            }
            if (target instanceof Connection && result instanceof Statement st) {
                return wrap(Statement.class, st, null);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private void count(String sql) {
        String keyword = sql == null ? "?" : sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        counts.computeIfAbsent(keyword, k -> new AtomicInteger()).incrementAndGet();
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
