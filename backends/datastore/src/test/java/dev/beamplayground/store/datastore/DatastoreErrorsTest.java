package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.datastore.DatastoreException;
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
                Transactions.translate(new DatastoreException(new ConnectException("Connection refused"))));
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
        assertTrue(Transactions.isContention(new DatastoreException(10, "too much contention", "ABORTED")));
        assertTrue(!Transactions.isContention(new DatastoreException(14, "down", "UNAVAILABLE")));
    }

    @Test
    void aCommitWhoseTransactionIsGoneHasAnUnknownOutcomeNotAFault() {
        assertTrue(Transactions.isTransactionGone(
                new DatastoreException(3, "transaction has expired or is invalid", "INVALID_ARGUMENT")));
        assertTrue(Transactions.isTransactionGone(new DatastoreException(3,
                "The referenced transaction has expired or is no longer valid.", "INVALID_ARGUMENT")));
        assertTrue(!Transactions.isTransactionGone(new DatastoreException(3, "entity is too big", "INVALID_ARGUMENT")));
        assertTrue(!Transactions.isTransactionGone(new DatastoreException(14, "transaction lost", "UNAVAILABLE")));
    }

    private static RuntimeException translate(int code, String reason) {
        return Transactions.translate(new DatastoreException(code, "secret detail of " + reason, reason));
    }
}
