package dev.vectorgrad.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering rule, lowest first: kernels → ndarray (NDArray, DType, Rng, Ops and the ndarray
 * package) → autodiff → nn (with data and io beside it). No arrow points upward.
 */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vectorgrad");

    @Test
    void kernelsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.vectorgrad.kernels..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.vectorgrad.kernels..", "java..", "jdk..")
                .check(MAIN);
    }

    @Test
    void ndarrayDoesNotDependOnAutodiffOrNn() {
        noClasses().that().resideInAnyPackage("dev.vectorgrad", "dev.vectorgrad.ndarray..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vectorgrad.autodiff..", "dev.vectorgrad.nn..",
                        "dev.vectorgrad.data..", "dev.vectorgrad.io..")
                .check(MAIN);
    }

    @Test
    void autodiffDoesNotDependOnNn() {
        noClasses().that().resideInAPackage("dev.vectorgrad.autodiff..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vectorgrad.nn..", "dev.vectorgrad.data..")
                .check(MAIN);
    }

    @Test
    void ioDependsOnlyOnTheArrayLayer() {
        noClasses().that().resideInAPackage("dev.vectorgrad.io..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vectorgrad.autodiff..", "dev.vectorgrad.nn..")
                .check(MAIN);
    }

    @Test
    void lossesMetricsAndDatasetUseOnlyPublicArrayApi() {
        // NDArrayAccess is for code that hands raw buffers to kernels; these are written in NDArray ops
        noClasses().that().resideInAnyPackage("dev.vectorgrad.nn.losses..", "dev.vectorgrad.nn.metrics..",
                        "dev.vectorgrad.data..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.vectorgrad.ndarray.NDArrayAccess")
                .check(MAIN);
    }
}
