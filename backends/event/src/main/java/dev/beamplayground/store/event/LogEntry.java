package dev.beamplayground.store.event;

/**
 * One entry of the stream as read back.
 *
 * @param streamId the entry's id in the stream
 * @param seq      the transaction the entry belongs to; transactions are numbered 1, 2, ... per log
 * @param end      whether the entry is the last of its transaction
 * @param event    the change, or null when the entry belongs to another model prefix
 */
record LogEntry(String streamId, long seq, boolean end, Event event) {
}
