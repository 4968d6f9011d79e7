package dev.beamplayground.store;

/**
 * The persistence port: the role interfaces of the backend combined into what one backend provides.
 * Later roles join here.
 */
public interface PlaygroundStore extends SnippetStore, SnippetTransfer, CatalogStore, VersionedStore, AutoCloseable {
    /** Releases connections and clients; the store is unusable afterwards. */
    @Override
    void close();
}
