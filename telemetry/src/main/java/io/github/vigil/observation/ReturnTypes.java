package io.github.vigil.observation;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The return type of an AI-service method, as a bounded tag value: its simple name, with its type arguments'
 * ({@code List<Refund>}); {@code unknown} when the service or the method cannot be found. Read once per method.
 */
final class ReturnTypes {

	private static final Map<String, String> known = new ConcurrentHashMap<>();

	private ReturnTypes() {
	}

	static String of(String service, String method) {
		return known.computeIfAbsent(service + '#' + method, (key) -> find(service, method));
	}

	private static String find(String service, String method) {
		try {
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			Class<?> type = Class.forName(service, false, (loader != null) ? loader : ReturnTypes.class.getClassLoader());
			for (Method candidate : type.getMethods()) {
				if (candidate.getName().equals(method) && !candidate.isDefault()) {
					String name = name(candidate.getGenericReturnType());
					return (name.length() > 64) ? name.substring(0, 64) : name;
				}
			}
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			// not found where this thread looks
		}
		return "unknown";
	}

	private static String name(Type type) {
		if (type instanceof Class<?> raw) {
			return raw.getSimpleName();
		}
		if (type instanceof ParameterizedType parameterized) {
			StringBuilder name = new StringBuilder(name(parameterized.getRawType())).append('<');
			Type[] arguments = parameterized.getActualTypeArguments();
			for (int i = 0; i < arguments.length; i++) {
				name.append((i > 0) ? "," : "").append(name(arguments[i]));
			}
			return name.append('>').toString();
		}
		return type.getTypeName();
	}

}
