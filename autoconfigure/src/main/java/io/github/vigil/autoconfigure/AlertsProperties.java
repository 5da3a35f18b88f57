package io.github.vigil.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.github.vigil.alert.AlertPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-process alert evaluator.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.alerts")
public class AlertsProperties {

	private static final AlertPolicy ALERTS = AlertPolicy.defaults();

	/**
	 * Whether the alert rules are evaluated in the application.
	 */
	private boolean enabled = ALERTS.enabled();

	/**
	 * How often the alert rules are evaluated.
	 */
	private Duration evaluationInterval = ALERTS.evaluationInterval();

	/**
	 * Window the latency-baseline, tail-latency, run-tokens-baseline, loop and context-window rules look back
	 * over.
	 */
	private Duration window = ALERTS.window();

	/**
	 * File the hourly latency baselines are kept in across restarts. Without it, baselines start empty after a
	 * restart.
	 */
	private @Nullable Path baselineFile;

	private final ToolErrorRate toolErrorRate = new ToolErrorRate();

	private final LatencyBaseline latencyBaseline = new LatencyBaseline();

	private final TailLatency tailLatency = new TailLatency();

	private final AlertHealth health = new AlertHealth();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getEvaluationInterval() {
		return this.evaluationInterval;
	}

	public void setEvaluationInterval(Duration evaluationInterval) {
		this.evaluationInterval = evaluationInterval;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

	public @Nullable Path getBaselineFile() {
		return this.baselineFile;
	}

	public void setBaselineFile(@Nullable Path baselineFile) {
		this.baselineFile = baselineFile;
	}

	public ToolErrorRate getToolErrorRate() {
		return this.toolErrorRate;
	}

	public LatencyBaseline getLatencyBaseline() {
		return this.latencyBaseline;
	}

	public TailLatency getTailLatency() {
		return this.tailLatency;
	}

	public AlertHealth getHealth() {
		return this.health;
	}

	AlertPolicy toPolicy() {
		return new AlertPolicy(this.enabled, this.evaluationInterval, this.window, this.toolErrorRate.getWindow(),
				this.toolErrorRate.getThreshold(), this.toolErrorRate.getCriticalThreshold(),
				this.toolErrorRate.getMinCalls(), this.latencyBaseline.getMultiplier(),
				this.latencyBaseline.getMinBaseline(), this.tailLatency.getRatio(),
				this.tailLatency.getMinSamples(), this.baselineFile);
	}

	/**
	 * The tool-error-rate alert.
	 */
	public static class ToolErrorRate {

		/**
		 * Window a tool's error rate is computed over.
		 */
		private Duration window = ALERTS.toolErrorWindow();

		/**
		 * Error rate (errors / calls) at which the alert fires as a warning.
		 */
		private double threshold = ALERTS.toolErrorThreshold();

		/**
		 * Error rate at which the alert is critical.
		 */
		private double criticalThreshold = ALERTS.toolErrorCriticalThreshold();

		/**
		 * Calls of a tool in the window needed before its error rate counts.
		 */
		private int minCalls = ALERTS.toolErrorMinCalls();

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public double getCriticalThreshold() {
			return this.criticalThreshold;
		}

		public void setCriticalThreshold(double criticalThreshold) {
			this.criticalThreshold = criticalThreshold;
		}

		public int getMinCalls() {
			return this.minCalls;
		}

		public void setMinCalls(int minCalls) {
			this.minCalls = minCalls;
		}

	}

	/**
	 * The latency-baseline alert.
	 */
	public static class LatencyBaseline {

		/**
		 * How many times its weekly baseline (the hourly p95 averaged over the previous 7 days) a model's or tool's
		 * p95 over the window may be before the alert fires.
		 */
		private double multiplier = ALERTS.latencyMultiplier();

		/**
		 * History needed before the weekly baseline is used.
		 */
		private Duration minBaseline = ALERTS.latencyMinBaseline();

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMinBaseline() {
			return this.minBaseline;
		}

		public void setMinBaseline(Duration minBaseline) {
			this.minBaseline = minBaseline;
		}

	}

	/**
	 * The tail-latency alert.
	 */
	public static class TailLatency {

		/**
		 * p99 / p50 ratio over the window at which the alert fires.
		 */
		private double ratio = ALERTS.tailRatio();

		/**
		 * Samples of a model or tool in the window needed before the rule is evaluated.
		 */
		private int minSamples = ALERTS.tailMinSamples();

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getMinSamples() {
			return this.minSamples;
		}

		public void setMinSamples(int minSamples) {
			this.minSamples = minSamples;
		}

	}

	/**
	 * The "vigil" health contributor.
	 */
	public static class AlertHealth {

		/**
		 * Health status reported while an alert fires. The default, DEGRADED, maps to HTTP 200 so a failing
		 * downstream does not take the instance out of a load balancer; DOWN would.
		 */
		private String statusWhenFiring = "DEGRADED";

		public String getStatusWhenFiring() {
			return this.statusWhenFiring;
		}

		public void setStatusWhenFiring(String statusWhenFiring) {
			this.statusWhenFiring = statusWhenFiring;
		}

	}

}
