package dev.beamplayground.pipeline.pubsub;

import com.google.cloud.ServiceOptions;
import dev.beamplayground.config.PipelineFactory;
import dev.beamplayground.googlerest.AdcAuthorization;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.time.Pacer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pub/Sub cancel publisher when {@code cancel.topic} is set: a topic id (the project from
 * {@code gcp.project-id}, env GCP_PROJECT_ID, else the environment's default project) or a full
 * {@code projects/<p>/topics/<t>} name. It publishes over HTTPS to {@value #PUBSUB_ENDPOINT} with a token of the
 * Application Default Credentials; with {@code pubsub.emulator.host} (env PUBSUB_EMULATOR_HOST, {@code host:port})
 * over plain HTTP to the emulator, without credentials.
 */
@Factory
public class PubSubCancelFactory {
    /** Default of {@code cancel.publish-timeout}. */
    public static final String DEFAULT_PUBLISH_TIMEOUT = "10s";
    /** Pub/Sub's public REST endpoint. */
    static final String PUBSUB_ENDPOINT = "https://pubsub.googleapis.com";
    /** The OAuth scope of a publish's token. */
    static final String SCOPE = "https://www.googleapis.com/auth/pubsub";
    private static final String SERVICE = "Pub/Sub";
    // Pub/Sub's own rules for project and topic ids.
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z][-A-Za-z0-9._~+%]{2,254}");
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][-a-z0-9.:]{0,62}[a-z0-9]");
    private static final Pattern TOPIC_NAME = Pattern.compile("projects/([^/]+)/topics/([^/]+)");
    private static final Pattern HOST_PORT = Pattern.compile("[-A-Za-z0-9.]+:[0-9]{1,5}|\\[[0-9A-Fa-f:.]+]:[0-9]{1,5}");

    @Singleton
    @Requires(property = PipelineFactory.CANCEL_TOPIC)
    @Bean(preDestroy = "close")
    PubSubCancelPublisher pubSubCancelPublisher(
            @Value("${" + PipelineFactory.CANCEL_TOPIC + "}") String topic,
            @Value("${cancel.publish-timeout:" + DEFAULT_PUBLISH_TIMEOUT + "}") Duration timeout,
            @Value("${gcp.project-id:}") String projectId,
            @Value("${pubsub.emulator.host:}") String emulatorHost) {
        TopicPath path = topicPath(topic, projectId);
        return new PubSubCancelPublisher(path, new PublishRetry(post(path, emulatorHost.trim()), timeout, Pacer.SYSTEM));
    }

    /** The publish call of the topic: to the emulator when a host is given, else to Pub/Sub. */
    static RestEndpoint post(TopicPath path, String emulatorHost) {
        if (emulatorHost.isEmpty()) {
            return new RestEndpoint(URI.create(PUBSUB_ENDPOINT + path.publishPath()),
                    AdcAuthorization.applicationDefault(SCOPE), SERVICE);
        }
        if (!HOST_PORT.matcher(emulatorHost).matches()) {
            throw new ConfigurationException("pubsub.emulator.host: not a host:port");
        }
        return new RestEndpoint(URI.create("http://" + emulatorHost + path.publishPath()), Authorization.NONE, SERVICE);
    }

    static TopicPath topicPath(String topic, String projectId) {
        String value = topic.trim();
        Matcher name = TOPIC_NAME.matcher(value);
        if (name.matches()) {
            return checked(name.group(1), name.group(2));
        }
        String project = projectId.isBlank() ? ServiceOptions.getDefaultProjectId() : projectId.trim();
        if (project == null || project.isEmpty()) {
            throw new ConfigurationException(PipelineFactory.CANCEL_TOPIC + " names a topic id but no project is set:"
                    + " set gcp.project-id (GCP_PROJECT_ID) or use projects/<project>/topics/<topic>");
        }
        return checked(project, value);
    }

    private static TopicPath checked(String project, String topic) {
        if (!PROJECT_ID.matcher(project).matches()) {
            throw new ConfigurationException("gcp.project-id: not a Google Cloud project id");
        }
        if (!TOPIC_ID.matcher(topic).matches() || topic.startsWith("goog")) {
            throw new ConfigurationException(PipelineFactory.CANCEL_TOPIC + ": not a Pub/Sub topic id");
        }
        return new TopicPath(project, topic);
    }
}
