package dev.beamplayground.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pipeline rules and port know no Redis, Micronaut or wire types; only the adapters do. */
class PipelineIsolationTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // shared's test-jar holds the harness and the contract suites, not production code.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.beamplayground");

    @Test
    void thePipelinePackageImportsNoFrameworkRedisOrWire() {
        noClasses().that().resideInAPackage("dev.beamplayground.pipeline")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "redis.clients..", "io.micronaut..", "com.google..",
                        "dev.beamplayground.api..", "dev.beamplayground.connect..", "dev.beamplayground.wire..",
                        "dev.beamplayground.config..", "dev.beamplayground.redis..",
                        "dev.beamplayground.pipeline.redis..", "dev.beamplayground.pipeline.memory..")
                .check(CLASSES);
    }

    @Test
    void redisKeysAndScriptsStayInsideTheRedisAdapter() {
        classes().that().resideInAPackage("dev.beamplayground.pipeline.redis")
                .and().doNotHaveSimpleName("RedisPipelineStore")
                .and().areTopLevelClasses()
                .and().haveNameNotMatching(".*\\.\\$.*") // Micronaut's generated bean definitions
                .should().notBePublic()
                .check(CLASSES);
    }
}
