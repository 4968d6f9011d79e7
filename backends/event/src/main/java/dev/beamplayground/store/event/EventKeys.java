package dev.beamplayground.store.event;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Redis keys of one log and one model prefix. Every key carries the hash tag {@code {stream}}, so a
 * Redis Cluster keeps the log, the view and the indexes on one node and one script can change them all.
 * No key holds user input: kinds are code constants (checked), ids and persistence keys are hash fields or
 * sorted-set members, never key names.
 */
final class EventKeys {
    private static final Pattern KIND = Pattern.compile("[a-z_]{1,40}");
    /** Origins whose snippets expire when not visited ({@code staleUserSnippetIds}). */
    static final List<String> USER_ORIGINS = List.of("PG_USER", "TB_USER");

    private final String tag;
    private final String model;

    /** @param modelPrefix the segments of {@code model-prefix}; joined with commas, which a segment cannot hold */
    EventKeys(String stream, List<String> modelPrefix) {
        this.tag = "{" + stream + "}";
        this.model = String.join(",", modelPrefix);
    }

    /** The stream of events, shared by every model prefix of the stream. */
    String log() {
        return tag + ":log";
    }

    /** The number of the last transaction appended. */
    String seq() {
        return tag + ":seq";
    }

    /** The stream id of the last entry appended: where the view stands in the log. */
    String head() {
        return tag + ":head";
    }

    /** Consumers of the log: name -> the last stream id it acknowledged. */
    String consumers() {
        return tag + ":consumers";
    }

    /** The stream id up to which the log was trimmed (absent: never trimmed). */
    String trimmed() {
        return tag + ":trimmed";
    }

    /** The view of a kind: id -> the latest payload ({@code {type, instance}}), live entities only. */
    String view(String kind) {
        return tag + ":view:" + model + ":" + checked(kind);
    }

    /** Every id of a kind, as a sorted set of score 0: ids in order, for paging. */
    String ids(String kind) {
        return tag + ":ids:" + model + ":" + checked(kind);
    }

    /** Snippets by persistence key: members {@code <sha256 hex of the key>:<id>}. */
    String persistenceKeyIndex() {
        return tag + ":ix:" + model + ":pk";
    }

    /** Snippets of a user origin scored by their last visit (ms): the stale-snippet query. */
    String lastVisitIndex(String userOrigin) {
        if (!USER_ORIGINS.contains(userOrigin)) {
            throw new IllegalArgumentException("not a user origin");
        }
        return tag + ":ix:" + model + ":visited:" + userOrigin;
    }

    /** Examples by origin: members {@code <origin>:<id>}. */
    String exampleOriginIndex() {
        return tag + ":ix:" + model + ":origin";
    }

    /** Visits not yet folded into the snippet's object: id -> count. */
    String visitCounts() {
        return tag + ":visits:" + model + ":count";
    }

    /** Visits not yet folded into the snippet's object: id -> last visit (epoch ms). */
    String visitLast() {
        return tag + ":visits:" + model + ":last";
    }

    /** The snapshot of a kind's view taken at a log position (same layout as the view). */
    String snapshot(String position, String kind) {
        if (!position.matches("[0-9]{1,20}-[0-9]{1,20}")) {
            throw new IllegalArgumentException("not a stream id");
        }
        return tag + ":snap:" + model + ":" + position + ":" + checked(kind);
    }

    /** The snapshot's position (stream id), transaction number and kinds. */
    String snapshotMeta() {
        return tag + ":snap:" + model;
    }

    /** Pattern of the view keys of this model, for the check and the rebuild ({@code SCAN}). */
    String viewPattern() {
        return tag + ":view:" + model + ":*";
    }

    /** The kind a key from {@link #viewPattern()} is for. */
    String kindOfView(String viewKey) {
        return viewKey.substring((tag + ":view:" + model + ":").length());
    }

    private static String checked(String kind) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("not a kind name");
        }
        return kind;
    }
}
