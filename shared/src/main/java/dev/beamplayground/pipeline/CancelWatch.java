package dev.beamplayground.pipeline;

/** A registered cancel watcher; closing it stops the watching (the callback will not run after that). */
public interface CancelWatch extends AutoCloseable {
    @Override
    void close();
}
