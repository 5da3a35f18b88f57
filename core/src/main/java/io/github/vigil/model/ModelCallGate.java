package io.github.vigil.model;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.Vigil;
import io.github.vigil.guard.RunKilledException;
import io.github.vigil.run.Run;
import org.jspecify.annotations.Nullable;

/**
 * What both model decorators do before a call: find the run the request belongs to and ask its guards whether the
 * call may go out.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ModelCallGate {

	private final Vigil vigil;

	ModelCallGate(Vigil vigil) {
		this.vigil = vigil;
	}

	/**
	 * Finds the run a request was announced for.
	 * @param request the request
	 * @return the run, or {@code null} outside any AI service
	 */
	@Nullable Run runOf(ChatRequest request) {
		return this.vigil.runs().claimRequest(request);
	}

	/**
	 * Asks the run's guards about the call.
	 * @param run the run
	 * @return {@code null} to call the model, or the answer to give instead
	 * @throws RunKilledException when a guard ended the run with an error
	 */
	@Nullable ChatResponse check(Run run) {
		try {
			return this.vigil.guards().beforeModelCall(run);
		}
		catch (RunKilledException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			this.vigil.failures().record("guard", ex);
			return null;
		}
	}

}
