package dev.beamplayground.config;

import dev.beamplayground.connect.Cors;
import dev.beamplayground.connect.RpcHandler;
import dev.beamplayground.connect.ServiceMethods;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;

/** The protocol layer over every {@link ServiceMethods} bean present: one per function, all of them in the local run. */
@Factory
public class ProtocolFactory {

    @Singleton
    RpcHandler rpcHandler(List<ServiceMethods> services, ConnectConfiguration connect, CorsConfiguration cors,
                          CatalogConfiguration catalog) {
        return new RpcHandler(services, new Cors(cors.getAllowedOrigins(), cors.getMaxAge()),
                connect.getMaxRequestBytes(), catalog.getCacheControl());
    }
}
