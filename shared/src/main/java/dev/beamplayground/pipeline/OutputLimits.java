package dev.beamplayground.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * How much output a pipeline may keep: bytes per output and over all of its outputs. What an append brings
 * beyond either is not stored: the output ends with one marker line naming the limit, and the bytes of that
 * append and of every later one are only counted ({@link Appended#droppedBytes()}). Without a bound one chatty
 * pipeline could fill the shared Redis.
 *
 * @param perOutput   most bytes of one output (the marker line comes on top)
 * @param perPipeline most bytes of all of a pipeline's outputs together (each output's marker on top)
 */
public record OutputLimits(long perOutput, long perPipeline) {
    /** 8 MiB: two answers of {@code pipeline.max-answer-bytes}; Beam's runs print far less. */
    public static final long DEFAULT_PER_OUTPUT = 8L * 1024 * 1024;
    /** 16 MiB for all seven outputs of a pipeline together. */
    public static final long DEFAULT_PER_PIPELINE = 16L * 1024 * 1024;
    public static final OutputLimits DEFAULT = new OutputLimits(DEFAULT_PER_OUTPUT, DEFAULT_PER_PIPELINE);

    public OutputLimits {
        if (perOutput < 1 || perPipeline < 1) {
            throw new IllegalArgumentException("pipeline output limits must be positive");
        }
    }

    /**
     * A whole output written at once (graph, error text; not appended): cut at {@link #perOutput} on a character
     * boundary and ended with the marker line when longer.
     */
    public String boundWhole(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= perOutput) {
            return text;
        }
        int cut = (int) perOutput;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        String kept = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        return kept + (kept.isEmpty() || kept.endsWith("\n") ? "" : "\n") + outputMarker();
    }

    /** The line that ends an output cut at {@link #perOutput}. */
    public String outputMarker() {
        return "[output truncated: this output reached its limit of " + perOutput
                + " bytes; further output is counted, not stored]\n";
    }

    /** The line that ends an output cut because the pipeline reached {@link #perPipeline}. */
    public String pipelineMarker() {
        return "[output truncated: this pipeline's outputs reached their limit of " + perPipeline
                + " bytes; further output is counted, not stored]\n";
    }
}
