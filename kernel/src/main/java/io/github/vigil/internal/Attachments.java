package io.github.vigil.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Which pipeline an AI service reports to when its chat model is not observed: the one its model was attached to
 * (a bean the starter left as it is), else the installed default. Process-wide, since LangChain4j builds the AI
 * service's context without asking anyone.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Attachments {

	private static final AtomicReference<@Nullable Pipeline> defaultPipeline = new AtomicReference<>();

	/** Models left unwrapped whose AI services report to a pipeline of their own, weakly held. */
	private static final Map<Object, Pipeline> attached = Collections.synchronizedMap(new WeakHashMap<>());

	private Attachments() {
	}

	static @Nullable Pipeline defaultPipeline() {
		return defaultPipeline.get();
	}

	static void install(Pipeline pipeline) {
		defaultPipeline.set(pipeline);
	}

	static void uninstall(Pipeline pipeline) {
		defaultPipeline.compareAndSet(pipeline, null);
		attached.values().removeIf((each) -> each == pipeline);
	}

	static void attach(Object model, Pipeline pipeline) {
		attached.put(model, pipeline);
	}

	static @Nullable Pipeline attachedTo(@Nullable Object model) {
		return (model != null && !attached.isEmpty()) ? attached.get(model) : null;
	}

}
