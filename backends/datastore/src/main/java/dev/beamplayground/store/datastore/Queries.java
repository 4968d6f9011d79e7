package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.CompositeFilter;
import dev.beamplayground.store.datastore.wire.Filter;
import dev.beamplayground.store.datastore.wire.Int32Value;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.KindExpression;
import dev.beamplayground.store.datastore.wire.Projection;
import dev.beamplayground.store.datastore.wire.PropertyFilter;
import dev.beamplayground.store.datastore.wire.PropertyOrder;
import dev.beamplayground.store.datastore.wire.PropertyReference;
import dev.beamplayground.store.datastore.wire.Query;
import dev.beamplayground.store.datastore.wire.Value;

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
        return Int32Value.newBuilder().setValue(n).build();
    }

    private static Filter filter(String property, PropertyFilter.Operator op, Value value) {
        return Filter.newBuilder().setPropertyFilter(PropertyFilter.newBuilder().setProperty(property(property))
                .setOp(op).setValue(value)).build();
    }

    private static PropertyReference property(String name) {
        return PropertyReference.newBuilder().setName(name).build();
    }
}
