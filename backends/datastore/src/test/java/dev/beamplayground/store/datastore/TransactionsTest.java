package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.store.StoreUnavailableException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The retry policy and error mapping of {@link Transactions}, in process: a fake client whose transactions
 * fail as told, and a fake pause that records the backoffs instead of sleeping. ({@link DatastoreErrorsTest}
 * covers which failure codes are passing.)
 */
class TransactionsTest {
    private static final DatastoreRpcException CONTENTION = new DatastoreRpcException(10, "too much contention");
    private static final DatastoreRpcException UNAVAILABLE = new DatastoreRpcException(14, "down");
    private static final DatastoreRpcException TOO_BIG = new DatastoreRpcException(3, "entity is too big");
    private static final DatastoreRpcException GONE = new DatastoreRpcException(3, "The referenced transaction has expired or is no longer valid.");

    private final FakeDatastore fake = new FakeDatastore();
    /** [from, to) of each backoff; the fake jitter picks {@code from}. */
    private final List<List<Long>> backoffs = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private final Transactions transactions = new Transactions(fake.datastore(), pauses::add, (from, to) -> {
        backoffs.add(List.of(from, to));
        return from;
    });

    @Test
    void contentionIsRetriedInNewTransactionsUpToTheBoundThenUnavailable() {
        RuntimeException e = assertThrows(StoreUnavailableException.class,
                () -> transactions.run(tx -> { throw CONTENTION; }));
        assertSame(CONTENTION, e.getCause());
        assertEquals(Transactions.MAX_ATTEMPTS, fake.begun.size());
        assertEquals(12, Transactions.MAX_ATTEMPTS);
        // A backoff between attempts, its ceiling doubling from 40 ms to at most 1 s, never below half of it.
        List<Long> ceilings = List.of(40L, 80L, 160L, 320L, 640L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L);
        assertEquals(ceilings.stream().map(c -> List.of(c / 2, c + 1)).toList(), backoffs);
        assertEquals(ceilings.stream().map(c -> c / 2).toList(), pauses);
        // Each retry names the aborted transaction (lock priority); each attempt is rolled back.
        assertEquals(null, fake.begun.get(0).previous);
        for (int i = 1; i < fake.begun.size(); i++) {
            assertEquals(fake.begun.get(i - 1).id, fake.begun.get(i).previous);
        }
        assertTrue(fake.begun.stream().allMatch(t -> t.rolledBack && !t.committed));
    }

    @Test
    void contentionAtTheWorkOrTheCommitIsRetriedUntilACommitSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        fake.commitFailures.add(CONTENTION);
        String result = transactions.run(tx -> {
            if (calls.incrementAndGet() == 1) {
                throw CONTENTION;
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, fake.begun.size()); // work aborted, commit aborted, committed
        assertTrue(fake.begun.get(2).committed);
        assertEquals(2, pauses.size());
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertInstanceOf(StoreUnavailableException.class, runFailing(UNAVAILABLE));
        assertInstanceOf(InternalException.class, runFailing(TOO_BIG));
        assertInstanceOf(InternalException.class, runFailing(new IllegalArgumentException("a bug")));
        InvalidArgumentException domain = new InvalidArgumentException("bad request");
        assertSame(domain, runFailing(domain));
        assertEquals(4, fake.begun.size());
        assertTrue(pauses.isEmpty());
        assertTrue(fake.begun.stream().allMatch(t -> t.rolledBack && !t.committed));
    }

    @Test
    void aCommitWhoseTransactionIsGoneIsUnavailableNotRetried() {
        fake.commitFailures.add(GONE);
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> transactions.run(tx -> 1));
        assertEquals("the outcome of a commit is unknown; retry", e.getMessage());
        assertEquals(1, fake.begun.size());
        fake.commitFailures.add(TOO_BIG);
        assertThrows(InternalException.class, () -> transactions.run(tx -> 1));
    }

    @Test
    void workThatRolledBackIsNotCommitted() {
        int result = transactions.run(tx -> {
            tx.rollback();
            return 7;
        });
        assertEquals(7, result);
        assertFalse(fake.begun.get(0).committed);
    }

    @Test
    void anInterruptedBackoffIsUnavailable() {
        Transactions interrupted = new Transactions(fake.datastore(), millis -> {
            throw new InterruptedException();
        }, (from, to) -> from);
        try {
            assertThrows(StoreUnavailableException.class, () -> interrupted.run(tx -> { throw CONTENTION; }));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, fake.begun.size());
    }

    @Test
    void singleCallsAreTranslatedAndNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(StoreUnavailableException.class, () -> Transactions.call(() -> {
            calls.incrementAndGet();
            throw CONTENTION;
        }));
        assertThrows(InternalException.class, () -> Transactions.call((Runnable) () -> {
            calls.incrementAndGet();
            throw TOO_BIG;
        }));
        assertEquals(2, calls.get());
        assertEquals("x", Transactions.call(() -> "x"));
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aFailedFutureIsTranslatedByItsCause() {
        assertInstanceOf(StoreUnavailableException.class,
                assertThrows(PlaygroundException.class, () -> Transactions.join(CompletableFuture.failedFuture(UNAVAILABLE))));
        assertInstanceOf(InternalException.class,
                assertThrows(PlaygroundException.class, () -> Transactions.join(CompletableFuture.failedFuture(TOO_BIG))));
        assertEquals("x", Transactions.join(CompletableFuture.completedFuture("x")));
    }

    @Test
    void aFailedFirstReadRollsBackAndIsTranslated() {
        assertThrows(StoreUnavailableException.class, () -> transactions.begin(tx -> { throw UNAVAILABLE; }));
        assertTrue(fake.begun.get(0).rolledBack);
        Transactions.Begun<String> begun = transactions.begin(tx -> "read");
        assertEquals("read", begun.read());
        assertTrue(begun.tx().isActive());
    }

    @Test
    void theOpenTransactionLostToContentionRunsAgainAfterOneBackoff() {
        DatastoreTransaction open = transactions.begin(tx -> null).tx();
        fake.commitFailures.add(CONTENTION);
        assertEquals("again", transactions.commitElseRun(open, tx -> "first", tx -> "again"));
        assertTrue(fake.begun.get(0).rolledBack);
        assertEquals(List.of(List.of(20L, 41L)), backoffs);
        assertEquals(2, fake.begun.size());
        assertEquals(null, fake.begun.get(1).previous); // a fresh run, not a retry of the open transaction
        assertTrue(fake.begun.get(1).committed);
    }

    @Test
    void anyOtherFailureOfTheOpenTransactionIsThrownAsTheClientThrewIt() {
        DatastoreTransaction open = transactions.begin(tx -> null).tx();
        fake.commitFailures.add(UNAVAILABLE);
        AtomicInteger again = new AtomicInteger();
        assertSame(UNAVAILABLE, assertThrows(DatastoreRpcException.class,
                () -> transactions.commitElseRun(open, tx -> "first", tx -> again.incrementAndGet())));
        assertEquals(0, again.get());
        assertTrue(pauses.isEmpty());
        assertEquals("first", transactions.commitElseRun(transactions.begin(tx -> null).tx(), tx -> "first", tx -> "again"));
    }

    private RuntimeException runFailing(RuntimeException failure) {
        return assertThrows(RuntimeException.class, () -> transactions.run(tx -> { throw failure; }));
    }

    /** A client whose only calls are beginning transactions; commits fail with the queued failures, in order. */
    private static final class FakeDatastore {
        final List<FakeTransaction> begun = new ArrayList<>();
        final List<RuntimeException> commitFailures = new ArrayList<>();

        DatastoreTransaction.Source datastore() {
            return this::begin;
        }

        private DatastoreTransaction begin(ByteString previous) {
            FakeTransaction t = new FakeTransaction(ByteString.copyFromUtf8("tx" + begun.size()), previous);
            begun.add(t);
            return proxy(DatastoreTransaction.class, (method, args) -> switch (method) {
                case "isActive" -> t.active();
                case "id" -> t.id;
                case "rollback" -> {
                    t.rolledBack = true;
                    yield null;
                }
                case "commit" -> {
                    if (!commitFailures.isEmpty()) {
                        throw commitFailures.remove(0);
                    }
                    t.committed = true;
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method);
            });
        }
    }

    private static final class FakeTransaction {
        final ByteString id;
        final ByteString previous;
        boolean committed;
        boolean rolledBack;

        FakeTransaction(ByteString id, ByteString previous) {
            this.id = id;
            this.previous = previous;
        }

        boolean active() {
            return !committed && !rolledBack;
        }
    }

    private interface Call {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.answer(method.getName(), args)));
    }
}
