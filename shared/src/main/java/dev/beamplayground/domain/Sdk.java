package dev.beamplayground.domain;

/** The Beam SDKs a snippet or example is written for. Names are the stored and wire names. */
public enum Sdk {
    SDK_JAVA,
    SDK_GO,
    SDK_PYTHON,
    SDK_SCIO;

    /** Datastore kind of the SDK entities; a snippet refers to its SDK by a key of this kind. */
    public static final String KIND = "pg_sdks";

    /** The string form of the SDK's key as Beam's Go client prints it, part of the snippet id hash. */
    public String keyString() {
        return "/" + KIND + "," + name();
    }
}
