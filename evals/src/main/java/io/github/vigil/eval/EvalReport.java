package io.github.vigil.eval;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/** The eval report in its three forms: a console table, JSON (the next baseline) and an HTML page. */
final class EvalReport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final int CASE_WIDTH = 14;

	private static final int TEXT_WIDTH = 48;

	private EvalReport() {
	}

	static String table(EvalResult result) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "Eval %s: %d cases in %.1f s, tools %s%n", result.name(),
				result.cases().size(), result.durationNanos() / 1e9,
				result.tools().name().toLowerCase(Locale.ROOT)));
		out.append(pad("case", CASE_WIDTH)).append(pad("truth", 10));
		for (String scorer : result.scorers()) {
			out.append(pad(scorer, Math.max(scorer.length() + 2, 18)));
		}
		out.append("answer").append(System.lineSeparator());
		for (EvalCaseResult each : result.cases()) {
			out.append(pad(shortId(each.evalCase().id()), CASE_WIDTH)).append(pad(truth(each.evalCase()), 10));
			for (String scorer : result.scorers()) {
				Score score = each.scores().get(scorer);
				String cell = (score == null) ? "-"
						: String.format(Locale.ROOT, "%.2f %s", score.value(), (score.label() != null) ? score.label() : "");
				out.append(pad(cell, Math.max(scorer.length() + 2, 18)));
			}
			String answer = (each.error() != null) ? "error: " + each.error() : each.output();
			out.append(oneLine(answer, TEXT_WIDTH)).append(System.lineSeparator());
		}
		out.append(pad("average", CASE_WIDTH + 10));
		for (String scorer : result.scorers()) {
			double average = result.average(scorer);
			out.append(pad(Double.isNaN(average) ? "-" : String.format(Locale.ROOT, "%.3f", average),
					Math.max(scorer.length() + 2, 18)));
		}
		out.append(System.lineSeparator());
		if (result.hasBaseline()) {
			out.append(pad("baseline", CASE_WIDTH + 10));
			Map<String, EvalComparison> byScorer = new LinkedHashMap<>();
			result.comparisons().forEach((comparison) -> byScorer.put(comparison.scorer(), comparison));
			for (String scorer : result.scorers()) {
				EvalComparison comparison = byScorer.get(scorer);
				out.append(pad((comparison == null) ? "-"
						: String.format(Locale.ROOT, "%.3f (%+.1f pts)", comparison.baseline(),
								-comparison.dropPoints()), Math.max(scorer.length() + 2, 18)));
			}
			out.append(System.lineSeparator());
		}
		for (String problem : result.problems()) {
			out.append("skipped ").append(problem).append(System.lineSeparator());
		}
		result.scorerFailures().forEach((scorer, count) -> out.append("scorer ")
			.append(scorer)
			.append(" failed on ")
			.append(count)
			.append(" case(s)")
			.append(System.lineSeparator()));
		out.append("gate: ").append(result.gate()).append(System.lineSeparator());
		return out.toString();
	}

	static String json(EvalResult result) {
		StringWriter text = new StringWriter();
		try (JsonGenerator out = json.getFactory().createGenerator(text).useDefaultPrettyPrinter()) {
			out.writeStartObject();
			out.writeStringField("name", result.name());
			out.writeStringField("created_at", Instant.now().toString());
			out.writeStringField("tools", result.tools().name().toLowerCase(Locale.ROOT));
			out.writeNumberField("cases", result.cases().size());
			out.writeNumberField("duration_ms", result.durationNanos() / 1_000_000);
			out.writeObjectFieldStart("averages");
			for (Map.Entry<String, Double> average : result.averages().entrySet()) {
				out.writeNumberField(average.getKey(), round(average.getValue()));
			}
			out.writeEndObject();
			out.writeBooleanField("passed", result.passed());
			out.writeStringField("gate", result.gate());
			out.writeNumberField("max_drop_points", result.maxDropPoints());
			out.writeArrayFieldStart("comparisons");
			for (EvalComparison comparison : result.comparisons()) {
				out.writeStartObject();
				out.writeStringField("scorer", comparison.scorer());
				out.writeNumberField("baseline", round(comparison.baseline()));
				if (comparison.current() != null) {
					out.writeNumberField("current", round(comparison.current()));
				}
				else {
					out.writeNullField("current");
				}
				out.writeNumberField("drop_points", Math.round(comparison.dropPoints() * 100) / 100.0);
				out.writeBooleanField("failed", comparison.failed());
				out.writeEndObject();
			}
			out.writeEndArray();
			out.writeArrayFieldStart("problems");
			for (String problem : result.problems()) {
				out.writeString(problem);
			}
			out.writeEndArray();
			out.writeObjectFieldStart("scorer_failures");
			for (Map.Entry<String, Integer> failure : result.scorerFailures().entrySet()) {
				out.writeNumberField(failure.getKey(), failure.getValue());
			}
			out.writeEndObject();
			out.writeArrayFieldStart("results");
			for (EvalCaseResult each : result.cases()) {
				out.writeStartObject();
				out.writeStringField("id", each.evalCase().id());
				out.writeStringField("agent", each.evalCase().agent());
				out.writeStringField("input", each.evalCase().input());
				out.writeStringField("output", each.output());
				out.writeStringField("original_output", each.evalCase().originalOutput());
				if (each.evalCase().resolved() != null) {
					out.writeBooleanField("resolved", each.evalCase().resolved());
				}
				else {
					out.writeNullField("resolved");
				}
				out.writeStringField("run_id", (each.run() != null) ? each.run().runId() : null);
				out.writeStringField("error", each.error());
				out.writeNumberField("duration_ms", each.durationNanos() / 1_000_000);
				out.writeObjectFieldStart("scores");
				for (Map.Entry<String, Score> score : each.scores().entrySet()) {
					out.writeObjectFieldStart(score.getKey());
					out.writeNumberField("value", round(score.getValue().value()));
					out.writeStringField("label", score.getValue().label());
					out.writeStringField("explanation", score.getValue().explanation());
					out.writeEndObject();
				}
				out.writeEndObject();
				out.writeEndObject();
			}
			out.writeEndArray();
			out.writeEndObject();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text + System.lineSeparator();
	}

	/** The averages of a result file; {@code null} when there is no file yet. */
	static @Nullable Map<String, Double> readAverages(Path file) {
		if (!Files.exists(file)) {
			return null;
		}
		try {
			JsonNode averages = json.readTree(file.toFile()).get("averages");
			if (averages == null || !averages.isObject()) {
				throw new IllegalArgumentException("the baseline " + file + " has no \"averages\" object");
			}
			Map<String, Double> found = new LinkedHashMap<>();
			for (Iterator<Map.Entry<String, JsonNode>> fields = averages.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (!field.getValue().isNumber()) {
					throw new IllegalArgumentException("the baseline " + file + " has a non-numeric average for "
							+ field.getKey());
				}
				found.put(field.getKey(), field.getValue().asDouble());
			}
			return found;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("the baseline " + file + " is not an eval result: " + ex.getMessage(),
					ex);
		}
	}

	static String html(EvalResult result) {
		StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<title>Eval ")
			.append(escape(result.name()))
			.append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;color:#1d2330}")
			.append("table{border-collapse:collapse}td,th{border-bottom:1px solid #dde;padding:4px 8px;")
			.append("text-align:left;vertical-align:top}th{background:#f3f4f8}.num{text-align:right}")
			.append(".bad{color:#b00020;font-weight:600}.good{color:#0a7a32;font-weight:600}")
			.append(".muted{color:#667}</style></head><body>\n<h1>Eval ")
			.append(escape(result.name()))
			.append("</h1>\n<p>")
			.append(result.cases().size())
			.append(" cases, tools ")
			.append(result.tools().name().toLowerCase(Locale.ROOT))
			.append(String.format(Locale.ROOT, ", %.1f s.</p>%n", result.durationNanos() / 1e9))
			.append("<p class=\"")
			.append(result.passed() ? "good" : "bad")
			.append("\" id=\"gate\">Gate: ")
			.append(escape(result.gate()))
			.append("</p>\n<h2>Averages</h2>\n<table id=\"averages\"><tr><th>scorer</th><th>average</th>")
			.append("<th>baseline</th><th>change</th></tr>\n");
		Map<String, EvalComparison> byScorer = new LinkedHashMap<>();
		result.comparisons().forEach((comparison) -> byScorer.put(comparison.scorer(), comparison));
		for (String scorer : result.scorers()) {
			EvalComparison comparison = byScorer.get(scorer);
			double average = result.average(scorer);
			page.append("<tr><td>")
				.append(escape(scorer))
				.append("</td><td class=\"num\">")
				.append(Double.isNaN(average) ? "-" : String.format(Locale.ROOT, "%.3f", average))
				.append("</td><td class=\"num\">")
				.append((comparison == null) ? "-" : String.format(Locale.ROOT, "%.3f", comparison.baseline()))
				.append("</td><td class=\"num ")
				.append((comparison != null && comparison.failed()) ? "bad" : "")
				.append("\">")
				.append((comparison == null) ? "-"
						: String.format(Locale.ROOT, "%+.1f points", -comparison.dropPoints()))
				.append("</td></tr>\n");
		}
		page.append("</table>\n<h2>Cases</h2>\n<table id=\"cases\"><tr><th>case</th><th>ground truth</th>");
		for (String scorer : result.scorers()) {
			page.append("<th>").append(escape(scorer)).append("</th>");
		}
		page.append("<th>input</th><th>answer</th></tr>\n");
		for (EvalCaseResult each : result.cases()) {
			page.append("<tr><td>")
				.append(escape(shortId(each.evalCase().id())))
				.append("</td><td>")
				.append(escape(truth(each.evalCase())))
				.append("</td>");
			for (String scorer : result.scorers()) {
				Score score = each.scores().get(scorer);
				page.append("<td class=\"num\"");
				if (score != null && score.explanation() != null) {
					page.append(" title=\"").append(escape(score.explanation())).append('"');
				}
				page.append('>')
					.append((score == null) ? "-"
							: String.format(Locale.ROOT, "%.2f", score.value()) + " <span class=\"muted\">"
									+ escape((score.label() != null) ? score.label() : "") + "</span>")
					.append("</td>");
			}
			page.append("<td>")
				.append(escape(oneLine(each.evalCase().input(), 200)))
				.append("</td><td>")
				.append(escape(oneLine((each.error() != null) ? "error: " + each.error() : each.output(), 300)))
				.append("</td></tr>\n");
		}
		page.append("</table>\n");
		if (!result.problems().isEmpty()) {
			page.append("<h2>Skipped lines</h2>\n<ul>");
			for (String problem : result.problems()) {
				page.append("<li>").append(escape(problem)).append("</li>");
			}
			page.append("</ul>\n");
		}
		return page.append("</body></html>\n").toString();
	}

	private static String truth(EvalCase each) {
		if (each.resolved() == null) {
			return "-";
		}
		return each.resolved() ? "resolved" : "human";
	}

	private static String shortId(String id) {
		return (id.length() <= CASE_WIDTH - 2) ? id : id.substring(0, CASE_WIDTH - 3) + "…";
	}

	private static String pad(String text, int width) {
		StringBuilder padded = new StringBuilder(text);
		while (padded.length() < width) {
			padded.append(' ');
		}
		if (padded.length() == text.length()) {
			padded.append(' ');
		}
		return padded.toString();
	}

	private static String oneLine(@Nullable String text, int max) {
		if (text == null) {
			return "";
		}
		String line = text.replaceAll("\\s+", " ").strip();
		return (line.length() <= max) ? line : line.substring(0, max - 1) + "…";
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	private static String escape(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
