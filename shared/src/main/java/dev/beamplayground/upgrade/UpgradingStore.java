package dev.beamplayground.upgrade;

import dev.beamplayground.store.PlaygroundStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A store whose every call first lets the instance report itself ({@link AutoPin#refreshIfDue()}): the
 * heartbeat rides on the store traffic the instance has anyway, outside the backend's transactions. A
 * proxy over every interface of the backend's store, so optional roles ({@code VisitLedger},
 * {@code StoreHousekeeping}) stay visible to {@code instanceof}.
 */
public final class UpgradingStore {
    /** Calls that neither read nor write stored objects (warmUp makes a client at start, off the network). */
    private static final Set<String> QUIET = Set.of("close", "codecs", "warmUp", "toString", "hashCode", "equals");
    /**
     * Reads that answer a user's request (get-catalog, get-snippet): the instance's first report runs after their
     * answer ({@link AutoPin#reportAfterRead()}). Maintenance, loads and writes report first.
     */
    private static final Set<String> USER_READS = Set.of("catalogVersion", "readCatalog", "precompiledObject",
            "findSnippet");

    private UpgradingStore() {
    }

    /** {@code raw} (opened with {@code pin.codecs()}) with the heartbeat in front; attaches it to {@code pin}. */
    public static PlaygroundStore wrap(PlaygroundStore raw, AutoPin pin) {
        pin.attach(raw);
        return (PlaygroundStore) Proxy.newProxyInstance(UpgradingStore.class.getClassLoader(),
                interfaces(raw.getClass()), new Heartbeat(raw, pin));
    }

    /** The backend's own store under {@code store}'s heartbeat, or {@code store} itself: for tests and tools. */
    public static PlaygroundStore unwrap(PlaygroundStore store) {
        if (Proxy.isProxyClass(store.getClass()) && Proxy.getInvocationHandler(store) instanceof Heartbeat heartbeat) {
            return heartbeat.raw();
        }
        return store;
    }

    private record Heartbeat(PlaygroundStore raw, AutoPin pin) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (USER_READS.contains(name)) {
                pin.reportAfterRead();
            } else if (name.equals("close")) {
                pin.storeClosing();
            } else if (!QUIET.contains(name)) {
                pin.refreshIfDue();
            }
            try {
                return method.invoke(raw, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static Class<?>[] interfaces(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            all.addAll(List.of(c.getInterfaces()));
        }
        all.add(PlaygroundStore.class);
        return all.toArray(Class<?>[]::new);
    }
}
