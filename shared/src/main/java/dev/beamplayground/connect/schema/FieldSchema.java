package dev.beamplayground.connect.schema;

/** One field of a message: number, names, type, and whether it repeats. */
public final class FieldSchema {
    private final int number;
    private final String name;
    private final String jsonName;
    private final boolean repeated;
    private final FieldType type;
    private final String typeName;
    private int index;
    private MessageSchema messageType;
    private EnumSchema enumType;

    FieldSchema(int number, String name, String jsonName, boolean repeated, FieldType type, String typeName) {
        this.number = number;
        this.name = name;
        this.jsonName = jsonName;
        this.repeated = repeated;
        this.type = type;
        this.typeName = typeName;
    }

    void placeAt(int index) {
        this.index = index;
    }

    /** Its position among its message's fields, in declaration order. */
    public int index() {
        return index;
    }

    void resolve(MessageSchema message, EnumSchema enumeration) {
        this.messageType = message;
        this.enumType = enumeration;
    }

    String typeName() {
        return typeName;
    }

    public int number() {
        return number;
    }

    /** The name in api.proto ({@code pipeline_uuid}). */
    public String name() {
        return name;
    }

    /** The lowerCamelCase name proto3 JSON prints ({@code pipelineUuid}). */
    public String jsonName() {
        return jsonName;
    }

    public boolean repeated() {
        return repeated;
    }

    public FieldType type() {
        return type;
    }

    /** A map field: repeated entries of a message with a {@code key} and a {@code value}. */
    public boolean isMap() {
        return messageType != null && messageType.mapEntry();
    }

    /** The type of a message field, else null. */
    public MessageSchema messageType() {
        return messageType;
    }

    /** The type of an enum field, else null. */
    public EnumSchema enumType() {
        return enumType;
    }
}
