package dev.beamplayground.snippet;

import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a save request against the rules and bounds, and normalises its files the way Beam does. */
public final class SnippetValidator {
    private final SnippetLimits limits;

    public SnippetValidator(SnippetLimits limits) {
        this.limits = limits;
    }

    /**
     * The files to store, in the order given, with the main flag normalised: a single file is the main
     * file; of several, exactly one must be marked main.
     *
     * @throws InvalidArgumentException naming the first broken rule; nothing has been stored
     */
    public List<SnippetFile> validate(SaveSnippetCommand command) {
        if (command.sdk() == null) {
            throw new InvalidArgumentException("sdk is required (SDK_JAVA, SDK_GO, SDK_PYTHON or SDK_SCIO)");
        }
        List<SaveSnippetCommand.FileInput> files = command.files();
        if (files.isEmpty()) {
            throw new InvalidArgumentException("files: a snippet needs at least one file");
        }
        if (files.size() > limits.maxFiles()) {
            throw new InvalidArgumentException("files: " + files.size() + " files, at most " + limits.maxFiles()
                    + " are allowed");
        }
        checkText("pipeline_options", command.pipelineOptions(), limits.maxPipelineOptionsBytes(), true);
        checkText("persistence_key", command.persistenceKey(), limits.maxPersistenceKeyBytes(), false);

        long total = 0;
        int mains = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            SaveSnippetCommand.FileInput file = files.get(i);
            String where = "files[" + i + "]";
            String name = file.name().strip();
            if (name.isEmpty()) {
                throw new InvalidArgumentException(where + ".name is required");
            }
            if (name.length() > limits.maxFileNameChars() || hasControl(name, false)) {
                throw new InvalidArgumentException(where + ".name must be at most " + limits.maxFileNameChars()
                        + " printable characters");
            }
            if (!names.add(name)) {
                throw new InvalidArgumentException(where + ".name repeats the name of another file");
            }
            long bytes = Utf8.length(file.content());
            if (bytes > limits.maxFileBytes()) {
                throw new InvalidArgumentException(where + ".content is " + bytes + " bytes, at most "
                        + limits.maxFileBytes() + " are allowed");
            }
            total += bytes;
            if (file.main()) {
                mains++;
            }
        }
        if (total > limits.maxTotalBytes()) {
            throw new InvalidArgumentException("files: " + total + " bytes of content, at most "
                    + limits.maxTotalBytes() + " are allowed in one snippet");
        }
        if (files.size() > 1 && mains != 1) {
            throw new InvalidArgumentException("files: exactly one of several files must be the main file, "
                    + mains + " are");
        }
        List<SnippetFile> result = new ArrayList<>(files.size());
        for (SaveSnippetCommand.FileInput file : files) {
            boolean main = files.size() == 1 || file.main();
            if (main && file.content().isBlank()) {
                throw new InvalidArgumentException("the main file has no code");
            }
            result.add(new SnippetFile(file.name().strip(), file.content(), main, 0));
        }
        return result;
    }

    private static void checkText(String field, String value, int maxBytes, boolean allowLineBreaks) {
        if (Utf8.length(value) > maxBytes) {
            throw new InvalidArgumentException(field + " is longer than " + maxBytes + " bytes");
        }
        if (hasControl(value, allowLineBreaks)) {
            throw new InvalidArgumentException(field + " contains control characters");
        }
    }

    private static boolean hasControl(String value, boolean allowWhitespace) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            if ((Character.isISOControl(c) && !(allowWhitespace && whitespace))
                    || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
