package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.Key;

/** What the backend reads of a key: its last path element, which names the entity (all its keys have one). */
final class Keys {
    private Keys() {
    }

    static String kind(Key key) {
        return last(key).getKind();
    }

    /** The key's name, or its numeric id as text (entities written by others may have one). */
    static String name(Key key) {
        Key.PathElement e = last(key);
        return e.getIdTypeCase() == Key.PathElement.IdTypeCase.ID ? String.valueOf(e.getId()) : e.getName();
    }

    /** The key's path as text, for matching keys within one namespace (a lookup's answers to its keys). */
    static String path(Key key) {
        StringBuilder b = new StringBuilder();
        for (Key.PathElement e : key.getPathList()) {
            b.append(e.getKind()).append('\u0000');
            if (e.getIdTypeCase() == Key.PathElement.IdTypeCase.ID) {
                b.append('#').append(e.getId());
            } else {
                b.append('"').append(e.getName());
            }
            b.append('\u0000');
        }
        return b.toString();
    }

    private static Key.PathElement last(Key key) {
        return key.getPath(key.getPathCount() - 1);
    }
}
