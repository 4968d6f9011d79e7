package dev.beamplayground.pipeline.redis;

import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineUuid;

/**
 * Names in Redis of one pipeline's state, built from a validated uuid only.
 *
 * <ul>
 *   <li>{@code <uuid>}: the hash (as in Beam) with STATUS, CANCELED, RUN_OUTPUT_INDEX, and for each
 *       output written so far its subkey (RUN_OUTPUT, LOGS, ...) holding the name of the string that
 *       holds the text;</li>
 *   <li>{@code {<uuid>}:<OUTPUT>}: that string, grown with APPEND and read with GETRANGE. The braces
 *       are a hash tag: in a cluster these keys share the hash's slot, so one script can touch all;</li>
 *   <li>{@code {<uuid>}:CANCELED}: the pub/sub channel that tells the runner's watchers.</li>
 * </ul>
 */
final class PipelineKeys {
    static final String STATUS = "STATUS";
    static final String CANCELED = "CANCELED";
    static final String RUN_OUTPUT_INDEX = "RUN_OUTPUT_INDEX";

    private static final Output[] OUTPUTS = Output.values();

    private PipelineKeys() {
    }

    static String hash(PipelineUuid uuid) {
        return uuid.value();
    }

    static String output(PipelineUuid uuid, Output output) {
        return "{" + uuid.value() + "}:" + output.name();
    }

    static String cancelChannel(PipelineUuid uuid) {
        return "{" + uuid.value() + "}:" + CANCELED;
    }

    /** The hash, then every output string: all keys whose expiry a write refreshes. */
    static String[] all(PipelineUuid uuid) {
        String[] keys = new String[OUTPUTS.length + 1];
        keys[0] = hash(uuid);
        for (int i = 0; i < OUTPUTS.length; i++) {
            keys[i + 1] = output(uuid, OUTPUTS[i]);
        }
        return keys;
    }

    /** The 1-based Lua index of an output's string in {@link #all}. */
    static int luaIndex(Output output) {
        return output.ordinal() + 2;
    }
}
