package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.store.StoreUnavailableException;
import java.net.ConnectException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which Datastore failures a client may retry (503) and which are ours (500). */
class DatastoreErrorsTest {

    @Test
    void passingFailuresAreUnavailable() {
        assertInstanceOf(StoreUnavailableException.class, translate(14, "UNAVAILABLE"));
        assertInstanceOf(StoreUnavailableException.class, translate(4, "DEADLINE_EXCEEDED"));
        assertInstanceOf(StoreUnavailableException.class, translate(10, "ABORTED"));
        assertInstanceOf(StoreUnavailableException.class, translate(8, "RESOURCE_EXHAUSTED"));
        assertInstanceOf(StoreUnavailableException.class,
                Transactions.translate(new DatastoreRpcException(new ConnectException("Connection refused"))));
        assertInstanceOf(StoreUnavailableException.class,
                Transactions.translate(new UncheckedIOException(new ConnectException("Connection refused"))));
    }

    @Test
    void otherFailuresAreInternalWithoutTheirMessage() {
        RuntimeException invalid = translate(3, "INVALID_ARGUMENT");
        assertInstanceOf(InternalException.class, invalid);
        assertTrue(!invalid.getMessage().contains("secret"), invalid.getMessage());
        assertInstanceOf(InternalException.class, translate(7, "PERMISSION_DENIED"));
        assertInstanceOf(InternalException.class, Transactions.translate(new IllegalStateException("x")));
    }

    @Test
    void domainErrorsPassThrough() {
        NotFoundException notFound = new NotFoundException("gone");
        assertSame(notFound, Transactions.translate(notFound));
    }

    @Test
    void onlyAbortedIsContention() {
        assertTrue(Transactions.isContention(new DatastoreRpcException(10, "too much contention")));
        assertTrue(!Transactions.isContention(new DatastoreRpcException(14, "down")));
    }

    @Test
    void aCommitWhoseTransactionIsGoneHasAnUnknownOutcomeNotAFault() {
        assertTrue(Transactions.isTransactionGone(
                new DatastoreRpcException(3, "transaction has expired or is invalid")));
        assertTrue(Transactions.isTransactionGone(new DatastoreRpcException(3, "The referenced transaction has expired or is no longer valid.")));
        assertTrue(!Transactions.isTransactionGone(new DatastoreRpcException(3, "entity is too big")));
        assertTrue(!Transactions.isTransactionGone(new DatastoreRpcException(14, "transaction lost")));
    }

    private static RuntimeException translate(int code, String reason) {
        DatastoreRpcException e = new DatastoreRpcException(code, "secret detail of " + reason);
        assertTrue(e.reason().equals(reason), e.reason());
        return Transactions.translate(e);
    }
}
