package dev.beamplayground.config;

import dev.beamplayground.pipeline.OutputLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code pipeline.*}: how long pipeline state lives, how much one answer carries, how watchers poll, how much
 * output a pipeline keeps.
 */
@ConfigurationProperties(PipelineConfiguration.PREFIX)
public class PipelineConfiguration {
    public static final String PREFIX = "pipeline";
    /** Beam's expiry of pipeline state: 15 minutes after its last write. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** At most this much output text in one answer: 4 MiB, far below the 32 MB a function may answer. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    /** A watcher's fallback check, for a notification lost while Redis was away. */
    public static final Duration DEFAULT_CANCEL_POLL_PERIOD = Duration.ofSeconds(5);

    /** Expiry of all of a pipeline's keys after its last write; default 15 minutes. */
    private Duration ttl = DEFAULT_TTL;
    /** Default {@value #DEFAULT_MAX_ANSWER_BYTES}. */
    private int maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
    /** Default 5 s. */
    private Duration cancelPollPeriod = DEFAULT_CANCEL_POLL_PERIOD;
    /** Most bytes one output keeps; default 8 MiB ({@link OutputLimits#DEFAULT_PER_OUTPUT}). */
    private long maxOutputBytes = OutputLimits.DEFAULT_PER_OUTPUT;
    /** Most bytes all of a pipeline's outputs keep; default 16 MiB ({@link OutputLimits#DEFAULT_PER_PIPELINE}). */
    private long maxPipelineBytes = OutputLimits.DEFAULT_PER_PIPELINE;

    public long getMaxOutputBytes() {
        return maxOutputBytes;
    }

    public void setMaxOutputBytes(long maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    public long getMaxPipelineBytes() {
        return maxPipelineBytes;
    }

    public void setMaxPipelineBytes(long maxPipelineBytes) {
        this.maxPipelineBytes = maxPipelineBytes;
    }

    /** The output limits; a limit below 1 stops the start with its message. */
    public OutputLimits outputLimits() {
        return new OutputLimits(maxOutputBytes, maxPipelineBytes);
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public int getMaxAnswerBytes() {
        return maxAnswerBytes;
    }

    public void setMaxAnswerBytes(int maxAnswerBytes) {
        this.maxAnswerBytes = maxAnswerBytes;
    }

    public Duration getCancelPollPeriod() {
        return cancelPollPeriod;
    }

    public void setCancelPollPeriod(Duration cancelPollPeriod) {
        this.cancelPollPeriod = cancelPollPeriod;
    }
}
