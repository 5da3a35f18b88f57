package io.github.vigil.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.service.SystemMessage;
import io.github.vigil.run.PromptVersion;
import org.jspecify.annotations.Nullable;

/**
 * The prompt an AI service's method uses: from its {@code @SystemMessage} (on the method, else on the interface),
 * read once per method; else from the system message the service sent, versioned by its text.
 */
final class Prompts {

	/** What a method's {@code @SystemMessage} says, empty when it has none. */
	private final Map<String, Optional<PromptVersion>> declared = new ConcurrentHashMap<>();

	/** Prompts supplied at run time, by their text's hash code (cached in the string); bounded. */
	private final Map<Integer, PromptVersion> supplied = new ConcurrentHashMap<>();

	private final Class<?> service;

	Prompts(Class<?> service) {
		this.service = service;
	}

	@Nullable PromptVersion of(String method, @Nullable String systemMessage) {
		Optional<PromptVersion> found = this.declared.computeIfAbsent(method, this::declared);
		if (found.isPresent()) {
			return found.get();
		}
		if (systemMessage == null || systemMessage.isEmpty()) {
			return null;
		}
		PromptVersion known = this.supplied.get(systemMessage.hashCode());
		if (known == null) {
			known = new PromptVersion(null, version(systemMessage));
			if (this.supplied.size() < 256) {
				this.supplied.put(systemMessage.hashCode(), known);
			}
		}
		return known;
	}

	private Optional<PromptVersion> declared(String methodName) {
		try {
			SystemMessage annotation = null;
			for (Method method : this.service.getMethods()) {
				if (method.getName().equals(methodName) && method.isAnnotationPresent(SystemMessage.class)) {
					annotation = method.getAnnotation(SystemMessage.class);
					break;
				}
			}
			if (annotation == null) {
				annotation = this.service.getAnnotation(SystemMessage.class);
			}
			if (annotation == null) {
				return Optional.empty();
			}
			String resource = annotation.fromResource();
			if (resource != null && !resource.isBlank()) {
				String text = read(resource);
				String file = resource.substring(resource.lastIndexOf('/') + 1);
				String name = (file.indexOf('.') > 0) ? file.substring(0, file.indexOf('.')) : file;
				return (text != null) ? Optional.of(new PromptVersion(name, version(text))) : Optional.empty();
			}
			return Optional.of(new PromptVersion(null, version(String.join(annotation.delimiter(),
					annotation.value()))));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private @Nullable String read(String resource) {
		String[] candidates = resource.startsWith("/") ? new String[] { resource } : new String[] { "/" + resource,
				resource };
		for (String candidate : candidates) {
			try (InputStream in = this.service.getResourceAsStream(candidate)) {
				if (in != null) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
			catch (IOException ex) {
				return null;
			}
		}
		return null;
	}

	static String version(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			return Integer.toHexString(text.hashCode());
		}
	}

}
