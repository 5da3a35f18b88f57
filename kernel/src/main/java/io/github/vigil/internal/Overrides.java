package io.github.vigil.internal;

/**
 * Tells whether a class overrides a default method of an interface it implements.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Overrides {

	private Overrides() {
	}

	static boolean overrides(Class<?> type, Class<?> declaringInterface, String name, Class<?>... parameterTypes) {
		try {
			return type.getMethod(name, parameterTypes).getDeclaringClass() != declaringInterface;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
