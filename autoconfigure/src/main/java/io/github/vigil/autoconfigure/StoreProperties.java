package io.github.vigil.autoconfigure;

import java.time.Duration;

import io.github.vigil.Vigil;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.jdbc.SchemaInitialization;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The run store: every finished run with its steps, for triage from the application.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.store")
public class StoreProperties {

	private static final StorePolicy STORE = StorePolicy.defaults();

	/**
	 * Whether finished runs are stored, for the triage endpoints and replay.
	 */
	private boolean enabled = STORE.enabled();

	/**
	 * Where runs are stored: memory (bounded, this instance only) or jdbc (a database every instance shares).
	 */
	private StoreType type = StoreType.MEMORY;

	/**
	 * How long runs are kept.
	 */
	private Duration retention = STORE.retention();

	/**
	 * Runs kept at most; the oldest beyond it are deleted.
	 */
	private int maxRuns = STORE.maxRuns();

	/**
	 * Share of ordinary runs stored, from 0 to 1; runs with an error, a kill, a tool failure, a guard decision
	 * or a flag are always stored.
	 */
	private double sampleRate = STORE.sampleRate();

	/**
	 * Runs waiting to be written at most; beyond it runs are dropped and counted in vigil.store.dropped.
	 */
	private int queueCapacity = STORE.queueCapacity();

	/**
	 * Whether content (messages, arguments, results) is stored whole instead of truncated and redacted like the
	 * run log.
	 */
	private boolean fullContent = STORE.fullContent();

	/**
	 * Name of this application instance in stored runs; by default the host name and process id. Kept for
	 * compatibility: vigil.instance.name takes precedence.
	 */
	private @Nullable String instance;

	private final Jdbc jdbc = new Jdbc();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public StoreType getType() {
		return this.type;
	}

	public void setType(StoreType type) {
		this.type = type;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public int getMaxRuns() {
		return this.maxRuns;
	}

	public void setMaxRuns(int maxRuns) {
		this.maxRuns = maxRuns;
	}

	public double getSampleRate() {
		return this.sampleRate;
	}

	public void setSampleRate(double sampleRate) {
		this.sampleRate = sampleRate;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public boolean isFullContent() {
		return this.fullContent;
	}

	public void setFullContent(boolean fullContent) {
		this.fullContent = fullContent;
	}

	public @Nullable String getInstance() {
		return this.instance;
	}

	public void setInstance(@Nullable String instance) {
		this.instance = instance;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	StorePolicy toPolicy() {
		return new StorePolicy(this.enabled, this.retention, this.maxRuns, this.sampleRate, this.queueCapacity,
				this.fullContent);
	}

	/**
	 * Where runs are stored.
	 */
	public enum StoreType {

		/** In memory, bounded, this instance only. */
		MEMORY,

		/** A database over JDBC, shared by every instance. */
		JDBC

	}

	/**
	 * The JDBC run store. Vigil never uses the application's primary DataSource unless its bean is named here.
	 */
	public static class Jdbc {

		/**
		 * JDBC URL of the run store's own database (PostgreSQL, or H2 for tests and single instances).
		 */
		private @Nullable String url;

		/**
		 * User of the run store's own database.
		 */
		private @Nullable String username;

		/**
		 * Password of the run store's own database.
		 */
		private @Nullable String password;

		/**
		 * Name of a DataSource bean to store runs in, instead of a URL.
		 */
		private @Nullable String datasource;

		/**
		 * When the schema script is applied on start: embedded (H2 only), always, or never (the application's
		 * migrations create the tables from the script shipped in vigil-core).
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getDatasource() {
			return this.datasource;
		}

		public void setDatasource(@Nullable String datasource) {
			this.datasource = datasource;
		}

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

}
