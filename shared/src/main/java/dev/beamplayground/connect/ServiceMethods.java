package dev.beamplayground.connect;

import java.util.List;

/**
 * The rpcs one function serves; each function module has one bean of it. The protocol layer serves every such
 * bean it finds, so the local run, which carries every function, serves the whole set.
 */
public interface ServiceMethods {
    List<UnaryMethod> methods();
}
