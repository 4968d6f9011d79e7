package dev.beamplayground.pipeline.pubsub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A checked Pub/Sub topic: its ids match Pub/Sub's rules (see {@link PubSubCancelFactory}). */
record TopicPath(String project, String topic) {
    /** The REST path of the topic's publish method, each id percent-encoded as a path segment. */
    String publishPath() {
        return "/v1/projects/" + segment(project) + "/topics/" + segment(topic) + ":publish";
    }

    @Override
    public String toString() {
        return "projects/" + project + "/topics/" + topic;
    }

    // Form encoding differs from a path segment's only for the space, which no id holds.
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
