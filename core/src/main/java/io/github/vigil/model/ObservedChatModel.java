package io.github.vigil.model;

import java.util.List;
import java.util.Set;

import dev.langchain4j.model.ModelProvider;
import io.github.vigil.Vigil;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.guard.RunGuards;
import io.github.vigil.run.Run;
import io.micrometer.observation.Observation;

/**
 * A {@link ChatModel} that records every call: latency, tokens, models, provider and error type, attributed to the
 * run it belongs to, after the run's guards allowed it. The delegate's own listeners still run.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedChatModel implements ChatModel, ObservedModel {

	private final ChatModel delegate;

	private final Vigil vigil;

	private final ModelCallRecorder recorder;

	private final ModelCallGate gate;

	/**
	 * Creates the decorator; {@link Vigil#observe(ChatModel)} is the usual way.
	 * @param delegate the model to observe
	 * @param vigil the Vigil that records its calls
	 */
	public ObservedChatModel(ChatModel delegate, Vigil vigil) {
		this.delegate = delegate;
		this.vigil = vigil;
		this.recorder = vigil.modelCalls();
		this.gate = new ModelCallGate(vigil);
	}

	@Override
	public Vigil vigil() {
		return this.vigil;
	}

	/**
	 * Returns the model this one decorates.
	 * @return the delegate
	 */
	public ChatModel delegate() {
		return this.delegate;
	}

	@Override
	public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
		Run run = this.gate.runOf(request);
		ChatRequestParameters defaults = this.delegate.defaultRequestParameters();
		if (run != null) {
			RunGuards.Decision decision = this.gate.check(run, request,
					ModelCallRecorder.requestModel(request, defaults), this.delegate);
			if (decision.answer() != null) {
				return decision.answer();
			}
			request = decision.request();
		}
		ModelCall call = this.recorder.start(run, request, this.delegate.provider(), defaults);
		ChatResponse response;
		try (Observation.Scope scope = call.openScope()) {
			response = this.delegate.chat(request, options);
		}
		catch (RuntimeException | Error ex) {
			call.failed(ex);
			throw ex;
		}
		call.succeeded(response);
		if (run != null) {
			this.gate.returned(run, request, response);
			response = this.gate.answered(run, request, response, this.delegate);
		}
		return response;
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		return this.delegate.doChat(request);
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.delegate.defaultRequestParameters();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return List.of();
	}

	@Override
	public ModelProvider provider() {
		return this.delegate.provider();
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return this.delegate.supportedCapabilities();
	}

	@Override
	public String toString() {
		return "Observed[" + this.delegate + "]";
	}

}
