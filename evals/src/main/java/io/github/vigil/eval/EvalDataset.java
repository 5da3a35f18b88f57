package io.github.vigil.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunQuery;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StoredStep;
import org.jspecify.annotations.Nullable;

/**
 * The cases of an eval: from the run store (last N days, by agent and outcome, with or without ground truth), from
 * a JSONL file the store exported (or one written by hand), or from a list. Lines that do not parse are reported
 * in {@link #problems()} with their line numbers and skipped, unless the dataset is read strictly.
 * <p>
 * A line is one JSON object; only {@code input} is required: {@code run_id}, {@code agent}, {@code user_id},
 * {@code started_at}, {@code outcome}, {@code input}, {@code output}, {@code resolved} ({@code true}, {@code false}
 * or {@code null}), {@code feedback_source} and {@code tool_calls} (each {@code tool}, {@code arguments},
 * {@code outcome}, {@code error_type}, {@code result}: the recorded results replayed to the agent).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class EvalDataset {

	private static final ObjectMapper json = new ObjectMapper();

	private final List<EvalCase> cases;

	private final List<String> problems;

	private EvalDataset(List<EvalCase> cases, List<String> problems) {
		this.cases = List.copyOf(cases);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns a dataset of the given cases.
	 * @param cases the cases
	 * @return the dataset
	 */
	public static EvalDataset of(List<EvalCase> cases) {
		return new EvalDataset(cases, List.of());
	}

	/**
	 * Reads a dataset from the run store: each run the query matches, newest first, with its feedback as the ground
	 * truth.
	 * @param store the store
	 * @param query which runs
	 * @param groundTruthOnly whether only runs with feedback are taken
	 * @return the dataset
	 */
	public static EvalDataset fromStore(RunStore store, RunQuery query, boolean groundTruthOnly) {
		Map<String, Feedback> feedback = store.feedback(query.from(), query.until());
		List<EvalCase> cases = new ArrayList<>();
		for (StoredRun run : store.runs(query)) {
			Feedback truth = feedback.get(run.runId());
			if ((groundTruthOnly && truth == null) || run.input() == null) {
				continue;
			}
			cases.add(new EvalCase(run.runId(), run.agent(), run.userId(), run.input(),
					(truth != null) ? truth.resolved() : null, run));
		}
		return new EvalDataset(cases, List.of());
	}

	/**
	 * Reads a JSONL file; lines that do not parse are reported in {@link #problems()} and skipped.
	 * @param file the file
	 * @return the dataset
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static EvalDataset fromJsonl(Path file) {
		return fromJsonl(file, false);
	}

	/**
	 * Reads a JSONL file.
	 * @param file the file
	 * @param strict whether a line that does not parse fails the read
	 * @return the dataset
	 * @throws IllegalArgumentException when strict and a line does not parse, naming the line
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static EvalDataset fromJsonl(Path file, boolean strict) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return fromJsonl(reader, file.getFileName().toString(), strict);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the dataset " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads JSONL text.
	 * @param reader the text
	 * @param name what to call it in problems
	 * @param strict whether a line that does not parse fails the read
	 * @return the dataset
	 * @throws IllegalArgumentException when strict and a line does not parse, naming the line
	 */
	public static EvalDataset fromJsonl(Reader reader, String name, boolean strict) {
		List<EvalCase> cases = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		BufferedReader lines = (reader instanceof BufferedReader buffered) ? buffered : new BufferedReader(reader);
		int number = 0;
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					cases.add(parse(line, number));
				}
				catch (IllegalArgumentException | IOException ex) {
					String problem = name + " line " + number + ": " + message(ex);
					if (strict) {
						throw new IllegalArgumentException(problem, ex);
					}
					problems.add(problem);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the dataset " + name + ": " + ex.getMessage(), ex);
		}
		return new EvalDataset(cases, problems);
	}

	private static String message(Exception ex) {
		String message = ex.getMessage();
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static EvalCase parse(String line, int number) throws IOException {
		JsonNode node = json.readTree(line);
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("not a JSON object");
		}
		String input = text(node, "input");
		if (input == null) {
			throw new IllegalArgumentException("no \"input\"");
		}
		Boolean resolved = null;
		JsonNode truth = node.get("resolved");
		if (truth != null && !truth.isNull()) {
			if (!truth.isBoolean()) {
				throw new IllegalArgumentException("\"resolved\" must be true, false or null, was " + truth);
			}
			resolved = truth.booleanValue();
		}
		String id = (text(node, "run_id") != null) ? text(node, "run_id") : "line-" + number;
		String agent = (text(node, "agent") != null) ? text(node, "agent") : "";
		Instant started;
		try {
			started = (text(node, "started_at") != null) ? Instant.parse(text(node, "started_at")) : Instant.EPOCH;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("\"started_at\" is not an ISO-8601 instant: " + text(node, "started_at"));
		}
		List<StoredStep> steps = new ArrayList<>();
		JsonNode tools = node.get("tool_calls");
		if (tools != null && !tools.isNull()) {
			if (!tools.isArray()) {
				throw new IllegalArgumentException("\"tool_calls\" must be an array");
			}
			for (JsonNode call : tools) {
				String tool = text(call, "tool");
				if (tool == null) {
					throw new IllegalArgumentException("a tool call without \"tool\"");
				}
				boolean failed = StoredStep.ERROR.equals(text(call, "outcome"));
				steps.add(new StoredStep(steps.size(), StoredStep.TOOL, 0, 0, tool,
						failed ? StoredStep.ERROR : StoredStep.SUCCESS, text(call, "error_type"),
						failed ? text(call, "result") : null, text(call, "arguments"), text(call, "result"), null, 0,
						0, null, null, null));
			}
		}
		String user = text(node, "user_id");
		String outcome = (text(node, "outcome") != null) ? text(node, "outcome") : "completed";
		StoredRun original = new StoredRun(id, null, "dataset", agent, text(node, "service"), text(node, "method"),
				(user != null) ? user : "anonymous", text(node, "memory_id"), started, started, outcome, null, null,
				0, 0, input, text(node, "output"), List.of(), List.of(), steps, null, null);
		return new EvalCase(id, agent, user, input, resolved, original);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			return value.toString();
		}
		return value.asText();
	}

	/**
	 * Writes the dataset as JSONL, one case per line, in the format {@link #fromJsonl(Path)} reads.
	 * @param out where to write
	 * @throws UncheckedIOException when writing fails
	 */
	public void writeJsonl(Writer out) {
		for (EvalCase each : this.cases) {
			writeLine(each, out);
		}
	}

	/**
	 * Writes one case as a JSONL line.
	 * @param each the case
	 * @param out where to write
	 */
	static void writeLine(EvalCase each, Writer out) {
		try {
			JsonGenerator line = json.getFactory().createGenerator(new NonClosing(out));
			StoredRun run = each.original();
			line.writeStartObject();
			line.writeStringField("run_id", each.id());
			line.writeStringField("agent", each.agent());
			if (run != null) {
				line.writeStringField("service", run.service());
				line.writeStringField("method", run.method());
			}
			line.writeStringField("user_id", each.userId());
			if (run != null) {
				line.writeStringField("memory_id", run.memoryId());
				line.writeStringField("started_at", run.startedAt().toString());
				line.writeStringField("outcome", run.outcome());
			}
			line.writeStringField("input", each.input());
			line.writeStringField("output", each.originalOutput());
			if (each.resolved() != null) {
				line.writeBooleanField("resolved", each.resolved());
			}
			else {
				line.writeNullField("resolved");
			}
			line.writeArrayFieldStart("tool_calls");
			if (run != null) {
				for (StoredStep step : run.steps()) {
					if (!step.isTool()) {
						continue;
					}
					line.writeStartObject();
					line.writeStringField("tool", step.name());
					line.writeStringField("arguments", step.arguments());
					line.writeStringField("outcome", step.outcome());
					line.writeStringField("error_type", step.errorType());
					line.writeStringField("result",
							(step.resultExcerpt() != null) ? step.resultExcerpt() : step.errorMessage());
					line.writeEndObject();
				}
			}
			line.writeEndArray();
			line.writeEndObject();
			line.close();
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the dataset: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the cases.
	 * @return the cases
	 */
	public List<EvalCase> cases() {
		return this.cases;
	}

	/**
	 * Returns the lines that did not parse, each with its line number and why.
	 * @return the problems, empty for a clean read
	 */
	public List<String> problems() {
		return this.problems;
	}

	/**
	 * Returns the number of cases.
	 * @return the size
	 */
	public int size() {
		return this.cases.size();
	}

	/** A writer the JSON generator may close without closing the caller's. */
	private static final class NonClosing extends Writer {

		private final Writer out;

		NonClosing(Writer out) {
			this.out = Objects.requireNonNull(out);
		}

		@Override
		public void write(char[] buffer, int offset, int length) throws IOException {
			this.out.write(buffer, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.out.flush();
		}

	}

}
