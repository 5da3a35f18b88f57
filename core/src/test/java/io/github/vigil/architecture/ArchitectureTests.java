package io.github.vigil.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.vigil.Vigil;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of vigil-core, stated as rules the build checks: a kernel that knows no capability, capabilities
 * that know only the kernel's API, no package cycles, and no Spring.
 */
class ArchitectureTests {

	/** The kernel's public API: what every capability and every user middleware builds on. */
	private static final String[] KERNEL_API = { "io.github.vigil.run..", "io.github.vigil.tool..",
			"io.github.vigil.metrics.." };

	/** Each capability: one package, one or more middleware. */
	private static final String[] CAPABILITIES = { "alert", "grounding", "guard", "log", "observation", "store", "cost",
			"retrieval", "guardrail", "eval" };

	/**
	 * The capabilities one builds on, each by name: evals score the runs the run store keeps and count their flags;
	 * the budget caps the cost the cost meter publishes; the store keeps each run's cost and flags; what a retrieval
	 * finds backs answers in the grounding check.
	 */
	private static final Map<String, List<String>> BUILDS_ON = Map.of("eval", List.of("store", "grounding"), "guard",
			List.of("cost"), "store", List.of("cost", "grounding"), "retrieval", List.of("grounding"));

	private static final String[] LIBRARIES = { "java..", "javax..", "dev.langchain4j..", "io.micrometer..",
			"org.slf4j..", "org.jspecify..", "com.fasterxml.jackson.." };

	private static final JavaClasses core = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.vigil");

	@Test
	void packagesHaveNoCycles() {
		Map<String, Set<String>> uses = new TreeMap<>();
		for (JavaClass type : core) {
			String from = slice(type);
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				String to = slice(dependency.getTargetClass());
				if (from != null && to != null && !from.equals(to)) {
					uses.computeIfAbsent(from, (key) -> new TreeSet<>()).add(to);
				}
			}
		}
		List<String> cycles = new ArrayList<>();
		for (String start : uses.keySet()) {
			findCycles(start, start, uses, new ArrayList<>(List.of(start)), cycles);
		}
		assertThat(cycles).as("package cycles (package uses: %s)", uses).isEmpty();
	}

	/** The top-level package under io.github.vigil a class is in; null for the root package and other libraries. */
	private static String slice(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith("io.github.vigil.")) {
			return null;
		}
		String rest = name.substring("io.github.vigil.".length());
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	private static void findCycles(String start, String current, Map<String, Set<String>> uses, List<String> path,
			List<String> cycles) {
		for (String next : uses.getOrDefault(current, Set.of())) {
			if (next.equals(start)) {
				cycles.add(String.join(" -> ", path) + " -> " + start);
			}
			else if (!path.contains(next) && next.compareTo(start) > 0) {
				path.add(next);
				findCycles(start, next, uses, path, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	@Test
	void onlyTheAssemblyKnowsVigil() {
		noClasses().that()
			.resideOutsideOfPackage("io.github.vigil")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.vigil")
			.check(core);
	}

	/**
	 * A framework that introspects the {@code Vigil} bean (Spring does) resolves the type of every field, method and
	 * constructor it declares, lambdas' included: naming a capability's type there would fail without its module.
	 */
	@Test
	void vigilItselfNamesNoCapabilityTypeSoAnyModuleCanBeLeftOut() {
		List<String> named = new ArrayList<>();
		for (java.lang.reflect.Field field : Vigil.class.getDeclaredFields()) {
			named.add(field.getType().getName() + " " + field.getName());
		}
		for (java.lang.reflect.Method method : Vigil.class.getDeclaredMethods()) {
			named.add(method.getReturnType().getName() + " " + method.getName());
			for (Class<?> parameter : method.getParameterTypes()) {
				named.add(parameter.getName() + " in " + method.getName());
			}
		}
		for (java.lang.reflect.Constructor<?> constructor : Vigil.class.getDeclaredConstructors()) {
			for (Class<?> parameter : constructor.getParameterTypes()) {
				named.add(parameter.getName() + " in the constructor");
			}
		}
		assertThat(named).isNotEmpty().noneMatch((type) -> java.util.Arrays.stream(CAPABILITIES)
			.anyMatch((capability) -> type.startsWith("io.github.vigil." + capability + ".")));
	}

	@Test
	void coreDoesNotDependOnSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(core);
	}

	@Test
	void theKernelKnowsNoCapability() {
		for (String capability : CAPABILITIES) {
			noClasses().that()
				.resideInAnyPackage("io.github.vigil.run..", "io.github.vigil.tool..", "io.github.vigil.metrics..",
						"io.github.vigil.internal..")
				.should()
				.dependOnClassesThat()
				.resideInAPackage("io.github.vigil." + capability + "..")
				.check(core);
		}
	}

	@Test
	void theKernelApiDoesNotReachIntoItsImplementation() {
		noClasses().that()
			.resideInAnyPackage(KERNEL_API)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.vigil.internal..")
			.check(core);
	}

	@Test
	void eachCapabilityBuildsOnTheKernelApiAlone() {
		for (String capability : CAPABILITIES) {
			String own = "io.github.vigil." + capability + "..";
			List<String> allowedList = new ArrayList<>(List.of(own));
			allowedList.addAll(List.of(KERNEL_API));
			allowedList.addAll(List.of(LIBRARIES));
			for (String base : BUILDS_ON.getOrDefault(capability, List.of())) {
				allowedList.add("io.github.vigil." + base + "..");
			}
			String[] allowed = allowedList.toArray(String[]::new);
			ArchRule rule = classes().that()
				.resideInAPackage(own)
				.should()
				.onlyDependOnClassesThat()
				.resideInAnyPackage(allowed)
				.because("a capability is one middleware on the kernel's SPI and never reaches into another");
			rule.check(core);
		}
	}

}
