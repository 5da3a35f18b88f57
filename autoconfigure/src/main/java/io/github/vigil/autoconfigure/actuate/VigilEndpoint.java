package io.github.vigil.autoconfigure.actuate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.vigil.Vigil;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;

/**
 * The {@code vigil} Actuator endpoint: alerts, the review queue, and triage from the run store.
 * <ul>
 * <li>{@code GET /actuator/vigil/alerts}, {@code /reviews}: active and resolved alerts; flagged answers;</li>
 * <li>{@code GET /actuator/vigil/tools/{tool}?window=15m}: a tool's summary (errors by type, users affected,
 * onset);</li>
 * <li>{@code GET /actuator/vigil/tools/{tool}/failures?limit&since&until&user&errorType&agent}: failing calls;</li>
 * <li>{@code GET /actuator/vigil/prompts/{agent}?window=7d}: the agent's runs by prompt version, with failures
 * and each scorer's mean score;</li>
 * <li>{@code GET /actuator/vigil/servers/{server}?window=15m}: an MCP server's tools' calls and failures together,
 * with each tool's summary;</li>
 * <li>{@code GET /actuator/vigil/retrievers/{retriever}?window=15m} and
 * {@code /retrievers/{retriever}/failures}: the same for a retriever's retrievals, with their queries;</li>
 * <li>{@code GET /actuator/vigil/runs/{runId}}: a run's steps as a waterfall; {@code GET /actuator/vigil/runs?user&limit}:
 * runs, newest first;</li>
 * <li>{@code POST /actuator/vigil/runs/{runId}/replay} ({@code {"tools":"recorded"|"live"}}) and
 * {@code POST /actuator/vigil/runs/{runId}/steps/{index}/replay}: replay, only with
 * {@code vigil.triage.replay.enabled=true}.</li>
 * <li>{@code POST /actuator/vigil/runs/{runId}/feedback} ({@code {"resolved": true|false, "source": "..."}}): the
 * business's resolution outcome, only with {@code vigil.evals.feedback.enabled=true};</li>
 * <li>{@code GET /actuator/vigil/evals?weeks=8}: the weekly resolution trend per agent;
 * {@code GET /actuator/vigil/evals/dataset?days=7&agent&outcome&groundTruthOnly&limit}: stored runs as a JSONL
 * eval dataset, only with {@code vigil.evals.dataset.enabled=true}.</li>
 * </ul>
 * Runs and reviews hold user content: expose the endpoint only behind authentication. Bad input gets a 400 or 404
 * with a message, never a stack trace; a section whose module the application left out gets a 404 naming the module.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@WebEndpoint(id = "vigil")
public class VigilEndpoint {

	/** The media type of a JSONL dataset. */
	static final MimeType JSONL = MimeType.valueOf("application/x-ndjson");

	private final Vigil vigil;

	/** Answers from the run store, {@code null} when {@code vigil-store} is left out. */
	private final @Nullable StoreSections stored;

	/** Answers from evals, {@code null} when {@code vigil-evals} is left out. */
	private final @Nullable EvalSections evals;

	private final boolean alerts;

	private final boolean reviews;

	private final boolean feedback;

	private final boolean dataset;

	/**
	 * Creates the endpoint, with feedback and the dataset export off.
	 * @param vigil the application's Vigil
	 * @param path the endpoint's path, such as {@code /actuator/vigil}, for the links it returns
	 */
	public VigilEndpoint(Vigil vigil, String path) {
		this(vigil, path, false, false);
	}

	/**
	 * Creates the endpoint.
	 * @param vigil the application's Vigil
	 * @param path the endpoint's path, such as {@code /actuator/vigil}, for the links it returns
	 * @param feedback whether feedback may be posted
	 * @param dataset whether stored runs may be exported as a dataset
	 */
	public VigilEndpoint(Vigil vigil, String path, boolean feedback, boolean dataset) {
		this.vigil = vigil;
		this.feedback = feedback;
		this.dataset = dataset;
		ClassLoader loader = VigilEndpoint.class.getClassLoader();
		boolean store = ClassUtils.isPresent(StoreSections.MODULE_CLASS, loader);
		// each section is there when its module is: an application that leaves one out loses those answers only
		this.evals = (store && ClassUtils.isPresent(EvalSections.MODULE_CLASS, loader))
				? new EvalSections(vigil, feedback, dataset) : null;
		this.stored = store ? new StoreSections(vigil, path, this.evals) : null;
		this.alerts = ClassUtils.isPresent(AlertSection.MODULE_CLASS, loader);
		this.reviews = ClassUtils.isPresent(ReviewSection.MODULE_CLASS, loader);
	}

	/**
	 * Lists what the endpoint offers.
	 * @return the sections and the runs in flight
	 */
	@ReadOperation
	public Map<String, Object> overview() {
		boolean stores = this.stored != null && this.vigil.storesRuns();
		List<String> sections = new ArrayList<>();
		if (this.alerts) {
			sections.add("alerts");
		}
		if (this.reviews) {
			sections.add("reviews");
		}
		if (stores) {
			sections.addAll(List.of("runs", "tools", "retrievers", "servers", "prompts"));
			if (this.evals != null) {
				sections.add("evals");
			}
		}
		sections.add("console");
		if (stores) {
			sections.addAll(List.of("conversations", "cost"));
		}
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("sections", sections);
		overview.put("activeRuns", this.vigil.activeRuns());
		overview.put("replay", stores && this.stored.replay());
		overview.put("feedback", stores && this.evals != null && this.feedback);
		overview.put("dataset", stores && this.evals != null && this.dataset);
		return overview;
	}

	/**
	 * Reads one section: {@code alerts}, {@code reviews}, {@code console}, {@code conversations}, {@code cost},
	 * {@code runs} or {@code evals}.
	 * @param section the section
	 * @param user for {@code runs} and {@code conversations}: only this user's
	 * @param limit for {@code runs}: at most this many (default 20, at most 500)
	 * @param weeks for {@code evals}: how many weeks (default 8)
	 * @param range for {@code console}, {@code conversations} and {@code cost}: how far back, such as {@code 1h}
	 * @return the section
	 */
	@ReadOperation
	public WebEndpointResponse<Object> section(@Selector String section, @Nullable String user,
			@Nullable String limit, @Nullable String weeks, @Nullable String range) {
		return answer(() -> switch (section) {
			case "alerts" -> {
				module(this.alerts, "alerts", "vigil-alerts");
				yield AlertSection.alerts(this.vigil);
			}
			case "reviews" -> {
				module(this.reviews, "reviews", "vigil-grounding");
				yield ReviewSection.reviews(this.vigil);
			}
			case "console" -> new ConsoleData(this.vigil, Clock.systemUTC(), this.alerts).snapshot(Parameters.range(range));
			case "conversations" -> store().conversations(user, limit, Parameters.range(range));
			case "cost" -> store().cost(limit, Parameters.range(range));
			case "runs" -> store().runs(user, limit);
			case "evals" -> evals().weeks(weeks);
			default -> throw EndpointError.notFound("no section '" + Parameters.cut(section) + "'; sections: alerts, "
					+ "reviews, runs, tools, evals, console, conversations, cost");
		});
	}

	/**
	 * Reads one item: {@code tools/{tool}} (a summary over {@code window}, default 15m), {@code runs/{runId}}, or
	 * {@code evals/dataset} (stored runs as JSONL).
	 * @param section {@code tools}, {@code runs} or {@code evals}
	 * @param name the tool, the run id, or {@code dataset}
	 * @param window for tools: the window, such as {@code 15m}, {@code 1h} or {@code PT15M}
	 * @param days for the dataset: how many days back (default 7)
	 * @param agent for the dataset: only this agent's runs
	 * @param outcome for the dataset: only runs with this outcome
	 * @param groundTruthOnly for the dataset: only runs with feedback ({@code true}/{@code false}, default false)
	 * @param limit for the dataset: at most this many runs, the newest (default 10,000)
	 * @return the item
	 */
	@ReadOperation
	public WebEndpointResponse<Object> item(@Selector String section, @Selector String name,
			@Nullable String window, @Nullable String days, @Nullable String agent, @Nullable String outcome,
			@Nullable String groundTruthOnly, @Nullable String limit) {
		if ("evals".equals(section) && "dataset".equals(name)) {
			WebEndpointResponse<Object> lines = answer(
					() -> evals().dataset(days, agent, outcome, groundTruthOnly, limit));
			return (lines.getStatus() == WebEndpointResponse.STATUS_OK)
					? new WebEndpointResponse<>(lines.getBody(), WebEndpointResponse.STATUS_OK, JSONL) : lines;
		}
		return answer(() -> switch (section) {
			case "tools" -> store().tool(name, window);
			case "retrievers" -> store().retriever(name, window);
			case "servers" -> store().server(name, window);
			case "prompts" -> store().prompts(name, window);
			case "conversations" -> store().conversation(name, limit);
			case "runs" -> store().run(name);
			case "evals" -> throw EndpointError.notFound("no evals/" + Parameters.cut(name) + "; see evals/dataset");
			default -> throw EndpointError.notFound("no section '" + Parameters.cut(section) + "'");
		});
	}

	/**
	 * Lists the failing calls of a tool: {@code tools/{tool}/failures}, newest first.
	 * @param section {@code tools}
	 * @param tool the tool
	 * @param part {@code failures}
	 * @param limit at most this many (default 50, at most 1000)
	 * @param since from this time: an ISO-8601 instant, or a duration back from now such as {@code 30m}
	 * @param until before this time, in the same forms
	 * @param user only this user's
	 * @param errorType only this error type
	 * @param agent only this agent's
	 * @return the failures
	 */
	@ReadOperation
	public WebEndpointResponse<Object> failures(@Selector String section, @Selector String tool,
			@Selector String part, @Nullable String limit, @Nullable String since,
			@Nullable String until, @Nullable String user, @Nullable String errorType,
			@Nullable String agent) {
		return answer(() -> {
			boolean retrievers = "retrievers".equals(section);
			if (!("tools".equals(section) || retrievers) || !"failures".equals(part)) {
				throw EndpointError.notFound("no such path; see /actuator/vigil/tools/{tool}/failures "
						+ "or /actuator/vigil/retrievers/{retriever}/failures");
			}
			return store().failures(retrievers, tool, limit, since, until, user, errorType, agent);
		});
	}

	/**
	 * Acts on a stored run: {@code POST runs/{runId}/replay} with {@code {"tools":"recorded"}} (the default: tool
	 * results from the store, no tool runs) or {@code {"tools":"live"}} (replayable tools only); or
	 * {@code POST runs/{runId}/feedback} with {@code {"resolved": true|false, "source": "..."}}.
	 * @param section {@code runs}
	 * @param runId the run
	 * @param action {@code replay} or {@code feedback}
	 * @param tools for replay: {@code recorded} or {@code live}
	 * @param resolved for feedback: whether the issue was resolved without a human
	 * @param source for feedback: where the outcome came from
	 * @return the comparison, or the feedback kept with the run's scores
	 */
	@WriteOperation
	public WebEndpointResponse<Object> runAction(@Selector String section, @Selector String runId,
			@Selector String action, @Nullable String tools, @Nullable Object resolved, @Nullable String source) {
		return answer(() -> {
			if ("runs".equals(section) && "feedback".equals(action)) {
				return evals().feedback(runId, resolved, source);
			}
			if (!"runs".equals(section) || !"replay".equals(action)) {
				throw EndpointError.notFound("no such operation; see POST /actuator/vigil/runs/{runId}/replay");
			}
			String mode = (tools != null) ? tools.toLowerCase(Locale.ROOT) : "recorded";
			if (!mode.equals("recorded") && !mode.equals("live")) {
				throw EndpointError.invalid(
						"tools must be \"recorded\" or \"live\", was \"" + Parameters.cut(tools) + "\"");
			}
			return store().replayRun(runId, mode.equals("recorded"));
		});
	}

	/**
	 * Replays one stored tool call: {@code POST runs/{runId}/steps/{index}/replay}.
	 * @param section {@code runs}
	 * @param runId the run
	 * @param steps {@code steps}
	 * @param index the step's index
	 * @param action {@code replay}
	 * @return the recorded and the replayed outcome
	 */
	@WriteOperation
	public WebEndpointResponse<Object> replayStep(@Selector String section, @Selector String runId,
			@Selector String steps, @Selector String index, @Selector String action) {
		return answer(() -> {
			if (!"runs".equals(section) || !"steps".equals(steps) || !"replay".equals(action)) {
				throw EndpointError.notFound(
						"no such operation; see POST /actuator/vigil/runs/{runId}/steps/{index}/replay");
			}
			return store().replayStep(runId, Parameters.whole("index", index, 0, 0, 10_000));
		});
	}

	private StoreSections store() {
		if (this.stored == null) {
			throw EndpointError.notFound("there is no run store: vigil-store is not on the class path");
		}
		return this.stored;
	}

	private EvalSections evals() {
		if (this.stored == null || this.evals == null) {
			throw EndpointError.notFound("there are no evals: vigil-evals is not on the class path");
		}
		return this.evals;
	}

	private static void module(boolean present, String section, String module) {
		if (!present) {
			throw EndpointError.notFound("there are no " + section + ": " + module + " is not on the class path");
		}
	}

	private WebEndpointResponse<Object> answer(Answer answer) {
		EndpointError error;
		try {
			return new WebEndpointResponse<>(answer.get(), WebEndpointResponse.STATUS_OK);
		}
		catch (EndpointError ex) {
			error = ex;
		}
		catch (RuntimeException ex) {
			// the store's refusals (a run not stored, not replayable) carry their own reason
			EndpointError refused = (this.stored != null) ? StoreSections.asError(ex) : null;
			if (refused == null) {
				throw ex;
			}
			error = refused;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", error.status());
		body.put("error", error.getMessage());
		return new WebEndpointResponse<>(body, error.status());
	}

	@FunctionalInterface
	private interface Answer {

		Object get();

	}

}
