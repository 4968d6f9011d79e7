package dev.beamplayground.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain and the port stay free of wire, framework and cloud SDK types; adapters stay hidden. */
class DomainIsolationTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // shared's test-jar holds the harness and the contract suites, not production code.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.beamplayground");
    private static final String DATASTORE_WIRE = "dev.beamplayground.store.datastore.wire";

    @Test
    void domainSnippetRulesAndThePortImportNoFrameworkOrSdk() {
        noClasses().that().resideInAnyPackage("dev.beamplayground.domain..", "dev.beamplayground.snippet..",
                        "dev.beamplayground.store")
                .should().dependOnClassesThat().resideInAnyPackage("com.google..", "io.micronaut..",
                        "dev.beamplayground.api..", "dev.beamplayground.connect..", "dev.beamplayground.wire..",
                        "dev.beamplayground.config..", "java.sql..")
                .check(CLASSES);
    }

    /** Codecs, migrations, maintenance and the upgrade protocol are backend-neutral: any backend (and the event log) uses them. */
    @Test
    void versioningMigrationsAndMaintenanceImportNoFrameworkSdkOrBackend() {
        noClasses().that().resideInAnyPackage("dev.beamplayground.versioning..", "dev.beamplayground.migration..",
                        "dev.beamplayground.maintenance..", "dev.beamplayground.upgrade..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google..", "io.micronaut..",
                        "dev.beamplayground.api..", "dev.beamplayground.connect..", "dev.beamplayground.wire..",
                        "dev.beamplayground.config..", "dev.beamplayground.store.sqlite..",
                        "dev.beamplayground.store.datastore..", "java.sql..")
                .check(CLASSES);
    }

    /** The visit buffer's port and flush know no Redis, framework or backend: only visit.redis talks to Redis. */
    @Test
    void theVisitPackageImportsNoRedisFrameworkOrBackend() {
        noClasses().that().resideInAPackage("dev.beamplayground.visit")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "redis.clients..", "io.micronaut..", "com.google..",
                        "dev.beamplayground.redis..", "dev.beamplayground.visit.redis..", "dev.beamplayground.config..",
                        "dev.beamplayground.store.sqlite..", "dev.beamplayground.store.datastore..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void backendsAreReachedOnlyThroughTheServiceProviderInterface() {
        classes().that().resideInAnyPackage("dev.beamplayground.store.sqlite..", "dev.beamplayground.store.datastore..",
                        "dev.beamplayground.store.event..")
                .and().doNotHaveSimpleName("SqliteBackendProvider")
                .and().doNotHaveSimpleName("DatastoreBackendProvider")
                .and().doNotHaveSimpleName("EventBackendProvider")
                .and().doNotHaveSimpleName("EventRecovery") // the operator's recovery tool (deploy's EventLogTool)
                .and().resideOutsideOfPackage(DATASTORE_WIRE) // protoc makes its classes public: see the rule below
                .and().areTopLevelClasses()
                .should().notBePublic()
                .check(CLASSES);
    }

    /** Datastore's messages (generated from the backend's datastore_wire.proto) are the backend's own. */
    @Test
    void onlyTheDatastoreBackendUsesItsWireMessages() {
        noClasses().that().resideOutsideOfPackage("dev.beamplayground.store.datastore..")
                .should().dependOnClassesThat().resideInAPackage(DATASTORE_WIRE)
                .check(CLASSES);
    }
}
