package dev.beamplayground.pipeline.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Topic names and ids, checked and percent-encoded into the publish path; the emulator host. */
class PubSubCancelFactoryTest {
    @Test
    void aTopicIdTakesTheConfiguredProject() {
        TopicPath path = PubSubCancelFactory.topicPath(" cancel ", "my-project");
        assertEquals(new TopicPath("my-project", "cancel"), path);
        assertEquals("/v1/projects/my-project/topics/cancel:publish", path.publishPath());
    }

    @Test
    void aFullNameCarriesItsOwnProject() {
        assertEquals(new TopicPath("other", "cancel"), PubSubCancelFactory.topicPath("projects/other/topics/cancel", "p"));
    }

    @Test
    void theCharactersPubSubAllowsInATopicIdAreEncodedAsAPathSegment() {
        assertEquals("/v1/projects/proj.x%3Ay/topics/a%7Eb%2Bc%25d.e_f-g:publish",
                PubSubCancelFactory.topicPath("a~b+c%d.e_f-g", "proj.x:y").publishPath());
    }

    @Test
    void idsOutsidePubSubsRulesAreRefusedAtStart() {
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.topicPath("ab", "proj"));
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.topicPath("goog-cancel", "proj"));
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.topicPath("can/cel", "proj"));
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.topicPath("cancel", "Proj"));
        assertThrows(ConfigurationException.class,
                () -> PubSubCancelFactory.topicPath("projects/p/q/topics/cancel", "proj"));
    }

    @Test
    void anEmulatorHostIsAHostAndPort() {
        TopicPath path = new TopicPath("proj", "cancel");
        PubSubCancelFactory.post(path, "127.0.0.1:8085");
        PubSubCancelFactory.post(path, "localhost:8085");
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.post(path, "127.0.0.1:8085/x?y"));
        assertThrows(ConfigurationException.class, () -> PubSubCancelFactory.post(path, "http://127.0.0.1:8085"));
    }
}
