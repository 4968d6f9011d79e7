package dev.beamplayground.pipeline.pubsub;

import com.google.cloud.ServiceOptions;
import com.google.pubsub.v1.TopicName;
import dev.beamplayground.config.PipelineFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The Pub/Sub cancel publisher when {@code cancel.topic} is set: a topic id (the project from
 * {@code gcp.project-id}, env GCP_PROJECT_ID, else the environment's default project) or a full
 * {@code projects/<p>/topics/<t>} name; {@code pubsub.emulator.host} (env PUBSUB_EMULATOR_HOST) for the emulator.
 */
@Factory
public class PubSubCancelFactory {
    /** Default of {@code cancel.publish-timeout}. */
    public static final String DEFAULT_PUBLISH_TIMEOUT = "10s";
    // Pub/Sub's own rules for project and topic ids.
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z][-A-Za-z0-9._~+%]{2,254}");
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][-a-z0-9.:]{0,62}[a-z0-9]");

    @Singleton
    @Requires(property = PipelineFactory.CANCEL_TOPIC)
    @Bean(preDestroy = "close")
    PubSubCancelPublisher pubSubCancelPublisher(
            @Value("${" + PipelineFactory.CANCEL_TOPIC + "}") String topic,
            @Value("${cancel.publish-timeout:" + DEFAULT_PUBLISH_TIMEOUT + "}") Duration timeout,
            @Value("${gcp.project-id:}") String projectId,
            @Value("${pubsub.emulator.host:}") String emulatorHost) {
        return new PubSubCancelPublisher(new CancelTopic(topicName(topic, projectId), emulatorHost.trim()), timeout);
    }

    static TopicName topicName(String topic, String projectId) {
        String value = topic.trim();
        if (TopicName.isParsableFrom(value)) {
            TopicName name = TopicName.parse(value);
            return checked(name.getProject(), name.getTopic());
        }
        String project = projectId.isBlank() ? ServiceOptions.getDefaultProjectId() : projectId.trim();
        if (project == null || project.isEmpty()) {
            throw new ConfigurationException(PipelineFactory.CANCEL_TOPIC + " names a topic id but no project is set:"
                    + " set gcp.project-id (GCP_PROJECT_ID) or use projects/<project>/topics/<topic>");
        }
        return checked(project, value);
    }

    private static TopicName checked(String project, String topic) {
        if (!PROJECT_ID.matcher(project).matches()) {
            throw new ConfigurationException("gcp.project-id: not a Google Cloud project id");
        }
        if (!TOPIC_ID.matcher(topic).matches() || topic.startsWith("goog")) {
            throw new ConfigurationException(PipelineFactory.CANCEL_TOPIC + ": not a Pub/Sub topic id");
        }
        return TopicName.of(project, topic);
    }
}
