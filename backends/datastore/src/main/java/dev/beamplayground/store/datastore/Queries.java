package dev.beamplayground.store.datastore;

import com.google.datastore.v1.CompositeFilter;
import com.google.datastore.v1.Filter;
import com.google.datastore.v1.Key;
import com.google.datastore.v1.KindExpression;
import com.google.datastore.v1.Projection;
import com.google.datastore.v1.PropertyFilter;
import com.google.datastore.v1.PropertyOrder;
import com.google.datastore.v1.PropertyReference;
import com.google.datastore.v1.Query;
import com.google.datastore.v1.Value;
import com.google.protobuf.Int32Value;

/** The queries' parts: a kind, property filters, orders, limits, keys only; the namespace is the calls'. */
final class Queries {
    static final String KEY = "__key__";

    private Queries() {
    }

    /** Entities of a kind. */
    static Query.Builder of(String kind) {
        return Query.newBuilder().addKind(KindExpression.newBuilder().setName(kind));
    }

    /** Keys of a kind: entities with their key alone. */
    static Query.Builder keysOf(String kind) {
        return of(kind).addProjection(Projection.newBuilder().setProperty(property(KEY)));
    }

    static Filter eq(String property, Value value) {
        return filter(property, PropertyFilter.Operator.EQUAL, value);
    }

    static Filter lt(String property, Value value) {
        return filter(property, PropertyFilter.Operator.LESS_THAN, value);
    }

    /** Keys after {@code key} in key order. */
    static Filter keyAfter(Key key) {
        return filter(KEY, PropertyFilter.Operator.GREATER_THAN, Value.newBuilder().setKeyValue(key).build());
    }

    static Filter and(Filter... filters) {
        CompositeFilter.Builder and = CompositeFilter.newBuilder().setOp(CompositeFilter.Operator.AND);
        for (Filter f : filters) {
            and.addFilters(f);
        }
        return Filter.newBuilder().setCompositeFilter(and).build();
    }

    static PropertyOrder ascending(String property) {
        return PropertyOrder.newBuilder().setProperty(property(property))
                .setDirection(PropertyOrder.Direction.ASCENDING).build();
    }

    static Int32Value limit(int n) {
        return Int32Value.of(n);
    }

    private static Filter filter(String property, PropertyFilter.Operator op, Value value) {
        return Filter.newBuilder().setPropertyFilter(PropertyFilter.newBuilder().setProperty(property(property))
                .setOp(op).setValue(value)).build();
    }

    private static PropertyReference property(String name) {
        return PropertyReference.newBuilder().setName(name).build();
    }
}
