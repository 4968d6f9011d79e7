package dev.beamplayground.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's class path in a loader of its own, which can say which classes it has loaded: what a start loads,
 * measured without what other tests of the same JVM loaded before. Code run in it is reached through a JDK
 * interface ({@code Runnable}, {@code Supplier}), which both loaders share.
 */
public final class IsolatedClassLoader extends URLClassLoader {
    public IsolatedClassLoader() throws MalformedURLException {
        super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    /** Whether this loader has loaded the class of that binary name ({@code a.B$C}). */
    public boolean loaded(String name) {
        return findLoadedClass(name) != null;
    }

    /** A new instance of {@code type}'s twin in this loader, made by its public no-argument constructor. */
    public <T> T instance(Class<?> type, Class<T> as) throws ReflectiveOperationException {
        return as.cast(loadClass(type.getName()).getConstructor().newInstance());
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
