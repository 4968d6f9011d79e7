package dev.beamplayground.connect.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;

/** Writes {@code api.schema} from api.proto's descriptor: what {@link ApiSchema} reads at run time. */
final class ApiSchemaText {
    static final String HEADER = "# api.proto's messages, enums and rpcs for the codecs; written from its descriptor"
            + " (ApiSchemaTest), do not edit.\n";

    private ApiSchemaText() {
    }

    static String of(FileDescriptor file) {
        if (!file.getOptions().getJavaMultipleFiles() || file.getServices().size() != 1) {
            throw new IllegalArgumentException(file.getName() + ": one service and java_multiple_files expected");
        }
        StringBuilder out = new StringBuilder(HEADER);
        ServiceDescriptor service = file.getServices().get(0);
        out.append("service ").append(service.getFullName()).append('\n');
        for (EnumDescriptor e : file.getEnumTypes()) {
            enumeration(out, e);
        }
        for (Descriptor m : file.getMessageTypes()) {
            message(out, m, file.getOptions().getJavaPackage() + "." + m.getName());
        }
        for (MethodDescriptor m : service.getMethods()) {
            out.append("method ").append(m.getName()).append(' ').append(m.getInputType().getFullName()).append(' ')
                    .append(m.getOutputType().getFullName());
            if (m.getOptions().getIdempotencyLevel() == IdempotencyLevel.NO_SIDE_EFFECTS) {
                out.append(" no-side-effects");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void enumeration(StringBuilder out, EnumDescriptor e) {
        out.append("enum ").append(e.getFullName()).append(e.isClosed() ? " closed" : " open");
        for (EnumValueDescriptor v : e.getValues()) {
            out.append(' ').append(v.getName()).append('=').append(v.getNumber());
        }
        out.append('\n');
    }

    private static void message(StringBuilder out, Descriptor m, String javaClass) {
        boolean mapEntry = m.getOptions().getMapEntry();
        out.append("message ").append(m.getFullName()).append(' ').append(mapEntry ? "-" : javaClass)
                .append(mapEntry ? " map-entry" : "").append('\n');
        for (FieldDescriptor f : m.getFields()) {
            if (f.hasPresence() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                // The JSON printer leaves out every scalar at its default, right only without explicit presence.
                throw new IllegalArgumentException(f.getFullName() + " has explicit presence, which the codecs lack");
            }
            out.append("field ").append(f.getNumber()).append(' ').append(f.getName()).append(' ')
                    .append(f.getJsonName()).append(f.isRepeated() ? " repeated " : " single ")
                    .append(f.getType().name().toLowerCase(java.util.Locale.ROOT));
            switch (f.getJavaType()) {
                case MESSAGE -> out.append(' ').append(f.getMessageType().getFullName());
                case ENUM -> out.append(' ').append(f.getEnumType().getFullName());
                default -> {
                }
            }
            out.append('\n');
        }
        for (EnumDescriptor e : m.getEnumTypes()) {
            enumeration(out, e);
        }
        for (Descriptor nested : m.getNestedTypes()) {
            message(out, nested, javaClass + "$" + nested.getName());
        }
    }
}
