package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.BaseEntity;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Tolerant property reads for the catalog mappers: a missing or differently typed property reads as empty. */
final class EntityValues {
    private EntityValues() {
    }

    static String string(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.STRING ? e.getString(name) : "";
    }

    static long number(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.LONG ? e.getLong(name) : 0;
    }

    static boolean bool(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.BOOLEAN && e.getBoolean(name);
    }

    static String keyName(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.KEY ? e.getKey(name).getName() : "";
    }

    static List<String> strings(BaseEntity<?> e, String name) {
        if (!e.contains(name) || e.getValue(name).getType() != ValueType.LIST) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Value<?> v : e.<Value<?>>getList(name)) {
            if (v.getType() == ValueType.STRING) {
                out.add((String) v.get());
            }
        }
        return out;
    }

    /** A string Datastore does not index: only these may exceed 1500 bytes, and they are never queried. */
    static StringValue unindexed(String s) {
        return StringValue.newBuilder(s).setExcludeFromIndexes(true).build();
    }
}
