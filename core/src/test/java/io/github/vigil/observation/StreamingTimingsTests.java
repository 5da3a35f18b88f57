package io.github.vigil.observation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GenAI conventions' streaming timings: time to the first chunk for every streaming model call, time per chunk
 * after it, and the per-run counts of model and tool calls.
 */
class StreamingTimingsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	interface Streamer {

		TokenStream chat(String message);

	}

	/** Streams the given chunks, then completes. */
	static final class Chunks implements StreamingChatModel {

		private final List<String> chunks;

		Chunks(List<String> chunks) {
			this.chunks = chunks;
		}

		@Override
		public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
			this.chunks.forEach(handler::onPartialResponse);
			handler.onCompleteResponse(ChatResponse.builder()
				.aiMessage(AiMessage.from(String.join("", this.chunks)))
				.modelName("gpt-4o-mini")
				.tokenUsage(new TokenUsage(10, 3))
				.build());
		}

	}

	private void stream(Vigil vigil, List<String> chunks) throws Exception {
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		AiServices.builder(Streamer.class)
			.streamingChatModel(vigil.observe(new Chunks(chunks)))
			.build()
			.chat("Stream it")
			.onPartialResponse((chunk) -> {
			})
			.onCompleteResponse(done::complete)
			.onError(done::completeExceptionally)
			.start();
		done.get(10, TimeUnit.SECONDS);
	}

	@Test
	void everyStreamingCallHasItsTimeToFirstChunkAndItsTimePerChunk() throws Exception {
		Vigil vigil = Vigil.builder(this.registry).build();

		stream(vigil, List.of("It ", "has ", "shipped."));
		stream(vigil, List.of("Done."));

		assertThat(this.registry.get("gen_ai.client.operation.time_to_first_chunk").timer().count()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.client.operation.time_per_output_chunk").timer().count())
			.as("only a call with more than one chunk has a time between chunks")
			.isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_agent.inference_calls").summary().totalAmount()).isEqualTo(2);
		vigil.close();
	}

	@Test
	void aCallThatDoesNotStreamHasNoChunkTimings() {
		Vigil vigil = Vigil.builder(this.registry).build();
		AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new io.github.vigil.support.SupportTools())
			.build()
			.chat("lookupOrder ORD-1");

		assertThat(this.registry.find("gen_ai.client.operation.time_to_first_chunk").timer()).isNull();
		assertThat(this.registry.get("gen_ai.invoke_agent.inference_calls").summary().totalAmount()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.invoke_agent.tool_calls").summary().totalAmount()).isEqualTo(1);
		vigil.close();
	}

}
