package dev.beamplayground.config;

import dev.beamplayground.snippet.SnippetIdGenerator;
import dev.beamplayground.snippet.SnippetLimits;
import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code snippet.*}: the id salt and length, and the size bounds of a saved snippet. */
@ConfigurationProperties(SnippetConfiguration.PREFIX)
public class SnippetConfiguration {
    public static final String PREFIX = "snippet";

    /** Salt of the id hash; default {@value SnippetIdGenerator#DEFAULT_SALT}. */
    private String salt = SnippetIdGenerator.DEFAULT_SALT;
    /** Id length before extension; default {@value SnippetIdGenerator#DEFAULT_LENGTH}. */
    private int idLength = SnippetIdGenerator.DEFAULT_LENGTH;
    /** Default {@value SnippetLimits#DEFAULT_MAX_FILE_BYTES}. */
    private int maxFileBytes = SnippetLimits.DEFAULT_MAX_FILE_BYTES;
    /** Default {@value SnippetLimits#DEFAULT_MAX_FILES}. */
    private int maxFiles = SnippetLimits.DEFAULT_MAX_FILES;
    /** Default {@value SnippetLimits#DEFAULT_MAX_TOTAL_BYTES}. */
    private int maxTotalBytes = SnippetLimits.DEFAULT_MAX_TOTAL_BYTES;

    public String getSalt() {
        return salt;
    }

    public void setSalt(String salt) {
        this.salt = salt;
    }

    public int getIdLength() {
        return idLength;
    }

    public void setIdLength(int idLength) {
        this.idLength = idLength;
    }

    public int getMaxFileBytes() {
        return maxFileBytes;
    }

    public void setMaxFileBytes(int maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    public int getMaxFiles() {
        return maxFiles;
    }

    public void setMaxFiles(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    public int getMaxTotalBytes() {
        return maxTotalBytes;
    }

    public void setMaxTotalBytes(int maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    SnippetLimits limits() {
        SnippetLimits defaults = SnippetLimits.defaults();
        return new SnippetLimits(maxFileBytes, maxFiles, maxTotalBytes, defaults.maxFileNameChars(),
                defaults.maxPipelineOptionsBytes(), defaults.maxPersistenceKeyBytes());
    }
}
