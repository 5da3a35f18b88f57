package io.github.vigil.support;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/**
 * The AI service the core specifications run.
 */
public interface Assistant {

	String chat(String message);

	String chat(@UserMessage String message, InvocationParameters parameters);

	Result<String> chatResult(@UserMessage String message);

	/**
	 * The same assistant with one chat memory per conversation.
	 */
	interface WithMemory {

		String chatAs(@MemoryId String conversation, @UserMessage String message);

	}

}
