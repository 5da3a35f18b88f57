package io.github.vigil.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.vigil.eval.Escalation;
import io.github.vigil.eval.EvalPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Evals: online scoring of finished runs, feedback, the resolution trend and its alert.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.evals")
public class EvalsProperties {

	private static final EvalPolicy EVALS = EvalPolicy.defaults();

	/**
	 * Whether finished runs are scored, off the user's thread.
	 */
	private boolean enabled = EVALS.enabled();

	/**
	 * Share of runs scored, in [0, 1].
	 */
	private double sampleRate = EVALS.sampleRate();

	/**
	 * Only these agents' runs are scored (AI-service interface simple names); empty for all.
	 */
	private Set<String> agents = new LinkedHashSet<>();

	/**
	 * Only runs with these outcomes are scored (completed, error, killed); empty for all.
	 */
	private Set<String> outcomes = new LinkedHashSet<>();

	/**
	 * The shipped scorers every run goes through: resolution, tool-success, grounded, not-killed,
	 * grounded-in-retrieval, parsed; Scorer beans are added to them.
	 */
	private List<String> scorers = new ArrayList<>(List.of("resolution", "tool-success", "grounded",
			"not-killed", "grounded-in-retrieval", "parsed"));

	/**
	 * Finished runs waiting to be scored at most; more are dropped and counted in vigil.eval.dropped.
	 */
	private int queueCapacity = EVALS.queueCapacity();

	/**
	 * Threads that score runs.
	 */
	private int threads = EVALS.threads();

	private final Resolution resolution = new Resolution();

	private final ResolutionDrop resolutionDrop = new ResolutionDrop();

	private final Judge judge = new Judge();

	private final Feedback feedback = new Feedback();

	private final Dataset dataset = new Dataset();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public Set<String> getAgents() {
		return this.agents;
	}

	public void setAgents(Set<String> agents) {
		this.agents = agents;
	}

	public Set<String> getOutcomes() {
		return this.outcomes;
	}

	public void setOutcomes(Set<String> outcomes) {
		this.outcomes = outcomes;
	}

	public List<String> getScorers() {
		return this.scorers;
	}

	public void setScorers(List<String> scorers) {
		this.scorers = scorers;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public Resolution getResolution() {
		return this.resolution;
	}

	public ResolutionDrop getResolutionDrop() {
		return this.resolutionDrop;
	}

	public Judge getJudge() {
		return this.judge;
	}

	public Feedback getFeedback() {
		return this.feedback;
	}

	public Dataset getDataset() {
		return this.dataset;
	}

	EvalPolicy toPolicy() {
		return new EvalPolicy(this.enabled, this.sampleRate, this.agents, this.outcomes, this.queueCapacity,
				this.threads, this.resolutionDrop.getPoints(), this.resolutionDrop.getMinScored());
	}

	/**
	 * What counts as a run escalating to a human, for the resolution scorer.
	 */
	public static class Resolution {

		/**
		 * Tools that hand the user to a human; a successful call of one makes the run escalated.
		 */
		private List<String> escalationTools = new ArrayList<>(Escalation.DEFAULT_TOOLS);

		/**
		 * Phrases of an answer that hands the user over, matched case-insensitively.
		 */
		private List<String> escalationPhrases = new ArrayList<>(Escalation.DEFAULT_PHRASES);

		public List<String> getEscalationTools() {
			return this.escalationTools;
		}

		public void setEscalationTools(List<String> escalationTools) {
			this.escalationTools = escalationTools;
		}

		public List<String> getEscalationPhrases() {
			return this.escalationPhrases;
		}

		public void setEscalationPhrases(List<String> escalationPhrases) {
			this.escalationPhrases = escalationPhrases;
		}

		Escalation toEscalation() {
			return new Escalation(this.escalationTools, this.escalationPhrases);
		}

	}

	/**
	 * The resolution-drop alert: this week's resolution rate against last week's.
	 */
	public static class ResolutionDrop {

		/**
		 * How many points (hundredths of the rate) this week's resolution rate must be below last week's to fire.
		 */
		private double points = EvalPolicy.defaults().resolutionDropPoints();

		/**
		 * Scored runs needed in each of the two weeks before they are compared.
		 */
		private int minScored = EvalPolicy.defaults().resolutionMinScored();

		public double getPoints() {
			return this.points;
		}

		public void setPoints(double points) {
			this.points = points;
		}

		public int getMinScored() {
			return this.minScored;
		}

		public void setMinScored(int minScored) {
			this.minScored = minScored;
		}

	}

	/**
	 * The LLM-judge scorer: a chat model grades sampled answers against a rubric. Off by default: each judged run
	 * costs a model call.
	 */
	public static class Judge {

		/**
		 * Whether the judge scores runs, with the ChatModel bean named vigilJudge (else the application's only
		 * ChatModel).
		 */
		private boolean enabled;

		/**
		 * What a good answer is, in the judging model's language.
		 */
		private String rubric = "The answer addresses the user's question specifically, uses only facts the tools "
				+ "returned, and hands over to a human when it cannot help.";

		/**
		 * Share of scored runs the judge grades, in [0, 1].
		 */
		private double sampleRate = 0.05;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getRubric() {
			return this.rubric;
		}

		public void setRubric(String rubric) {
			this.rubric = rubric;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

	}

	/**
	 * The feedback endpoint, POST /actuator/vigil/runs/{runId}/feedback: a write operation, off by default.
	 */
	public static class Feedback {

		/**
		 * Whether resolution outcomes may be attached to stored runs over the endpoint.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The dataset export, GET /actuator/vigil/evals/dataset: the stored runs' messages in bulk, off by default.
	 */
	public static class Dataset {

		/**
		 * Whether stored runs may be exported as a JSONL eval dataset over the endpoint.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
