package dev.beamplayground.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.error.InternalException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code datasets} column: a JSON array of {@code {dataset, emulator, config}}, the seed's
 * DatasetNestedEntity with {@code config} kept as an object rather than a JSON string inside JSON.
 * Built from JSON trees, not by reflection over the records, so the stored form cannot drift with
 * accessor names or Jackson's record support.
 */
final class DatasetsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetsJson() {
    }

    static String encode(List<DatasetRef> datasets) {
        ArrayNode array = MAPPER.createArrayNode();
        for (DatasetRef d : datasets) {
            ObjectNode entry = array.addObject();
            entry.put("dataset", d.datasetId());
            entry.put("emulator", d.emulator());
            ObjectNode config = entry.putObject("config");
            // Sorted, so equal configurations are stored as equal text.
            new TreeMap<>(d.config()).forEach(config::put);
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot encode snippet datasets", e);
        }
    }

    static List<DatasetRef> decode(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw corrupt(e);
        }
        if (root == null || !root.isArray()) {
            throw corrupt(null);
        }
        List<DatasetRef> out = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            JsonNode dataset = entry.get("dataset");
            JsonNode emulator = entry.get("emulator");
            JsonNode config = entry.get("config");
            if (dataset == null || !dataset.isTextual() || emulator == null || !emulator.isTextual()
                    || (config != null && !config.isObject())) {
                throw corrupt(null);
            }
            Map<String, String> options = new TreeMap<>();
            if (config != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> option = it.next();
                    if (!option.getValue().isTextual()) {
                        throw corrupt(null);
                    }
                    options.put(option.getKey(), option.getValue().textValue());
                }
            }
            out.add(new DatasetRef(dataset.textValue(), emulator.textValue(), options));
        }
        return out;
    }

    private static InternalException corrupt(Throwable cause) {
        return new InternalException("stored snippet datasets are malformed", cause);
    }
}
