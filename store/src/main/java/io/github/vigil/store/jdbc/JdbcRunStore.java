package io.github.vigil.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.grounding.Flag;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.PromptVersion;
import io.github.vigil.store.AffectedUsers;
import io.github.vigil.store.ErrorTypeCount;
import io.github.vigil.store.FailureQuery;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunQuery;
import io.github.vigil.store.RunScore;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.PromptRuns;
import io.github.vigil.store.VersionCalls;
import io.github.vigil.store.VersionSeen;
import io.github.vigil.store.SessionSummary;
import io.github.vigil.store.CostShare;
import io.github.vigil.store.StepDurations;
import io.github.vigil.store.LogHistogram;
import io.github.vigil.store.ScoreDay;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StepQuery;
import io.github.vigil.store.StoredStep;
import io.github.vigil.store.ToolCallCounts;
import io.github.vigil.store.ToolFailure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run store in a relational database that every instance of a fleet shares: PostgreSQL in production, H2 for
 * tests and single instances. Tables {@code vigil_run} and {@code vigil_step}; the schema scripts ship in this
 * package ({@code schema-postgresql.sql}, {@code schema-h2.sql}). Every query is parameterized.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class JdbcRunStore implements RunStore {

	/** How many of the newest runs per conversation asked for are read to find the latest conversations. */
	private static final int NEWEST_RUNS_PER_SESSION = 20;

	private static final Logger logger = LoggerFactory.getLogger(JdbcRunStore.class);

	private static final int MAX_MESSAGE = 4000;

	private static final String RUN_COLUMNS = "run_id, trace_id, instance, agent, service, method, user_id, "
			+ "memory_id, started_at, ended_at, outcome, error_type, error_message, input_tokens, output_tokens, "
			+ "input, output, guard_trips, flags, cost, currency, agents, version, prompt_name, prompt_version";

	private static final String STEP_COLUMNS = "run_id, step_index, kind, started_at, start_offset_us, "
			+ "duration_us, name, outcome, error_type, error_message, arguments, result_excerpt, response_model, "
			+ "input_tokens, output_tokens, finish_reason, operation, user_id, agent, cost, server";

	private static final String TOOL_CALLS = " FROM vigil_step WHERE kind = ? AND name = ? AND started_at >= ?"
			+ " AND started_at < ?";

	private static final String TOOL_FAILURES = TOOL_CALLS + " AND outcome = 'error'";

	private static final String SERVED_CALLS = TOOL_CALLS + " AND server = ?";

	private static final String SERVED_FAILURES = SERVED_CALLS + " AND outcome = 'error'";

	private static final TypeReference<List<GuardTrip>> TRIPS = new TypeReference<>() {
	};

	private static final TypeReference<List<Flag>> FLAGS = new TypeReference<>() {
	};

	private static final TypeReference<List<AgentRecord>> AGENTS = new TypeReference<>() {
	};

	private final DataSource dataSource;

	private final SchemaInitialization initialization;

	private final ObjectMapper json = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private final boolean ownsDataSource;

	private volatile @Nullable Dialect dialect;

	/**
	 * Creates a store on a data source; the schema is applied on first use when {@code initialization} allows it.
	 * @param dataSource the database
	 * @param initialization when the schema script runs
	 */
	public JdbcRunStore(DataSource dataSource, SchemaInitialization initialization) {
		this(dataSource, initialization, false);
	}

	private JdbcRunStore(DataSource dataSource, SchemaInitialization initialization, boolean ownsDataSource) {
		this.dataSource = dataSource;
		this.initialization = initialization;
		this.ownsDataSource = ownsDataSource;
	}

	/**
	 * Creates a store on a data source of its own, which it closes when it closes.
	 * @param dataSource the database, a pool made for the store
	 * @param initialization when the schema script runs
	 * @return the store
	 */
	public static JdbcRunStore owning(DataSource dataSource, SchemaInitialization initialization) {
		return new JdbcRunStore(dataSource, initialization, true);
	}

	/** Closes the store's own data source; one it was given is left to its owner. */
	@Override
	public void close() {
		if (this.ownsDataSource && this.dataSource instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Closing the run store's data source failed", ex);
			}
		}
	}

	/**
	 * Connects, identifies the database and applies the schema if allowed; runs on first use otherwise. Failing here
	 * is not fatal: the store tries again on its next use.
	 * @return this store
	 */
	public JdbcRunStore initialize() {
		dialect();
		return this;
	}

	/**
	 * Returns the schema script for a database, as shipped.
	 * @param database {@code postgresql} or {@code h2}
	 * @return the script
	 */
	public static String schema(String database) {
		String name = "schema-" + database.toLowerCase(Locale.ROOT) + ".sql";
		try (InputStream in = JdbcRunStore.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no run-store schema for " + database
						+ "; the run store supports PostgreSQL and H2");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + name, ex);
		}
	}

	private Dialect dialect() {
		Dialect known = this.dialect;
		if (known != null) {
			return known;
		}
		synchronized (this) {
			if (this.dialect != null) {
				return this.dialect;
			}
			try (Connection connection = this.dataSource.getConnection()) {
				String product = connection.getMetaData().getDatabaseProductName();
				Dialect found = Dialect.of(product);
				boolean apply = switch (this.initialization) {
					case ALWAYS -> true;
					case EMBEDDED -> found.embedded;
					case NEVER -> false;
				};
				if (apply) {
					applySchema(connection, found);
				}
				else {
					requireTables(connection, found);
				}
				this.dialect = found;
				return found;
			}
			catch (SQLException ex) {
				throw new IllegalStateException("the run store cannot reach its database: " + ex.getMessage(), ex);
			}
		}
	}

	private static void applySchema(Connection connection, Dialect dialect) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements(schema(dialect.script))) {
				statement.execute(sql);
			}
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		logger.debug("Applied the run-store schema for {}", dialect.script);
	}

	private static void requireTables(Connection connection, Dialect dialect) {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT run_id FROM vigil_run WHERE 1 = 0").close();
			statement.executeQuery("SELECT run_id FROM vigil_step WHERE 1 = 0").close();
			statement.executeQuery("SELECT run_id FROM vigil_feedback WHERE 1 = 0").close();
			statement.executeQuery("SELECT run_id FROM vigil_score WHERE 1 = 0").close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store's tables are missing; create them with the script "
					+ "io/github/vigil/store/jdbc/schema-" + dialect.script + ".sql shipped in vigil-core, or set "
					+ "vigil.store.jdbc.initialize-schema=always", ex);
		}
		try (Statement statement = connection.createStatement()) {
			// the columns later versions added: a store whose schema is managed by hand may lack them
			statement.executeQuery("SELECT " + RUN_COLUMNS + " FROM vigil_run WHERE 1 = 0").close();
			statement.executeQuery("SELECT " + STEP_COLUMNS + " FROM vigil_step WHERE 1 = 0").close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store's tables lack columns this version writes ("
					+ ex.getMessage() + "); run the script io/github/vigil/store/jdbc/schema-" + dialect.script
					+ ".sql shipped in vigil-core again (it adds only what is missing and keeps the runs), or set "
					+ "vigil.store.jdbc.initialize-schema=always", ex);
		}
	}

	static List<String> statements(String script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("--") || trimmed.isEmpty()) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				String sql = current.toString().strip();
				statements.add(sql.substring(0, sql.length() - 1));
				current.setLength(0);
			}
		}
		return statements;
	}

	// ---------------------------------------------------------------- writes

	@Override
	public void write(List<StoredRun> runs) {
		if (runs.isEmpty()) {
			return;
		}
		Dialect dialect = dialect();
		inTransaction("write " + runs.size() + " runs", (connection) -> {
			try (PreparedStatement runInsert = connection.prepareStatement(dialect.insert("vigil_run", RUN_COLUMNS,
					"run_id"));
					PreparedStatement stepInsert = connection.prepareStatement(dialect.insert("vigil_step",
							STEP_COLUMNS, "run_id, step_index"))) {
				int steps = 0;
				for (StoredRun run : runs) {
					bindRun(runInsert, run);
					runInsert.addBatch();
					for (StoredStep step : run.steps()) {
						bindStep(stepInsert, run, step);
						stepInsert.addBatch();
						steps++;
					}
				}
				runInsert.executeBatch();
				if (steps > 0) {
					stepInsert.executeBatch();
				}
			}
		});
	}

	/** Runs work in one transaction on a connection of its own: all of it or none. */
	private void inTransaction(String what, Work work) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				work.run(connection);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store failed to " + what + ": " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface Work {

		void run(Connection connection) throws SQLException;

	}

	private void bindRun(PreparedStatement insert, StoredRun run) throws SQLException {
		int i = 1;
		insert.setString(i++, run.runId());
		setNullable(insert, i++, run.traceId());
		insert.setString(i++, cut(run.instance(), 200));
		insert.setString(i++, cut(run.agent(), 200));
		setNullable(insert, i++, cut(run.service(), 500));
		setNullable(insert, i++, cut(run.method(), 200));
		insert.setString(i++, cut(run.userId(), 600));
		setNullable(insert, i++, cut(run.memoryId(), 600));
		insert.setLong(i++, run.startedAt().toEpochMilli());
		insert.setLong(i++, run.endedAt().toEpochMilli());
		insert.setString(i++, run.outcome());
		setNullable(insert, i++, cut(run.errorType(), 200));
		setNullable(insert, i++, cut(run.errorMessage(), MAX_MESSAGE));
		insert.setLong(i++, run.inputTokens());
		insert.setLong(i++, run.outputTokens());
		setNullable(insert, i++, run.input());
		setNullable(insert, i++, run.output());
		setNullable(insert, i++, run.guardTrips().isEmpty() ? null : toJson(run.guardTrips()));
		setNullable(insert, i++, run.flags().isEmpty() ? null : toJson(run.flags()));
		insert.setBigDecimal(i++, run.cost());
		setNullable(insert, i++, run.currency());
		setNullable(insert, i++, run.agents().isEmpty() ? null : toJson(run.agents()));
		setNullable(insert, i++, cut(run.version(), 100));
		PromptVersion prompt = run.prompt();
		setNullable(insert, i++, (prompt != null) ? cut(prompt.name(), 200) : null);
		setNullable(insert, i, (prompt != null) ? cut(prompt.version(), 64) : null);
	}

	private static void bindStep(PreparedStatement insert, StoredRun run, StoredStep step) throws SQLException {
		int i = 1;
		insert.setString(i++, run.runId());
		insert.setInt(i++, step.index());
		insert.setString(i++, step.kind());
		insert.setLong(i++, run.startedAt().toEpochMilli() + step.startOffsetMicros() / 1000);
		insert.setLong(i++, step.startOffsetMicros());
		insert.setLong(i++, step.durationMicros());
		insert.setString(i++, cut(step.name(), 500));
		insert.setString(i++, step.outcome());
		setNullable(insert, i++, cut(step.errorType(), 200));
		setNullable(insert, i++, cut(step.errorMessage(), MAX_MESSAGE));
		setNullable(insert, i++, step.arguments());
		setNullable(insert, i++, step.resultExcerpt());
		setNullable(insert, i++, cut(step.responseModel(), 200));
		insert.setLong(i++, step.inputTokens());
		insert.setLong(i++, step.outputTokens());
		setNullable(insert, i++, cut(step.finishReason(), 32));
		setNullable(insert, i++, cut(step.operation(), 64));
		insert.setString(i++, cut(run.userId(), 600));
		insert.setString(i++, cut(run.agent(), 200));
		insert.setBigDecimal(i++, step.cost());
		setNullable(insert, i, cut(step.server(), 200));
	}

	private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
			throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	private static @Nullable String cut(@Nullable String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	private String toJson(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> List<T> fromJson(@Nullable String text, TypeReference<List<T>> type) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			return List.of();
		}
	}

	// ---------------------------------------------------------------- queries

	@Override
	public Optional<StoredRun> run(String runId) {
		List<StoredRun> runs = query("SELECT " + RUN_COLUMNS + " FROM vigil_run WHERE run_id = ?",
				(statement) -> statement.setString(1, runId), this::run);
		if (runs.isEmpty()) {
			return Optional.empty();
		}
		List<StoredStep> steps = query("SELECT " + STEP_COLUMNS + " FROM vigil_step WHERE run_id = ?"
				+ " ORDER BY step_index", (statement) -> statement.setString(1, runId), JdbcRunStore::step);
		return Optional.of(runs.get(0).withSteps(steps));
	}

	@Override
	public List<StoredRun> runsOfUser(String userId, int limit) {
		return query("SELECT " + RUN_COLUMNS + " FROM vigil_run WHERE user_id = ? ORDER BY started_at DESC LIMIT ?",
				(statement) -> {
					statement.setString(1, userId);
					statement.setInt(2, limit);
				}, this::run);
	}

	@Override
	public List<StoredRun> recentRuns(int limit) {
		return query("SELECT " + RUN_COLUMNS + " FROM vigil_run ORDER BY started_at DESC LIMIT ?",
				(statement) -> statement.setInt(1, limit), this::run);
	}

	@Override
	public List<ToolFailure> failures(FailureQuery query) {
		StringBuilder sql = new StringBuilder("SELECT run_id, step_index, started_at, user_id, agent, name, "
				+ "error_type, error_message, arguments FROM vigil_step WHERE kind = ? AND name = ? "
				+ "AND outcome = 'error'");
		List<Object> parameters = new ArrayList<>();
		parameters.add(query.kind());
		parameters.add(query.tool());
		if (query.since() != null) {
			sql.append(" AND started_at >= ?");
			parameters.add(query.since().toEpochMilli());
		}
		if (query.until() != null) {
			sql.append(" AND started_at < ?");
			parameters.add(query.until().toEpochMilli());
		}
		if (query.userId() != null) {
			sql.append(" AND user_id = ?");
			parameters.add(query.userId());
		}
		if (query.errorType() != null) {
			sql.append(" AND error_type = ?");
			parameters.add(query.errorType());
		}
		if (query.agent() != null) {
			sql.append(" AND agent = ?");
			parameters.add(query.agent());
		}
		sql.append(" ORDER BY started_at DESC LIMIT ?");
		parameters.add(query.limit());
		return query(sql.toString(), (statement) -> bind(statement, parameters),
				(row) -> new ToolFailure(row.getString(1), row.getInt(2), Instant.ofEpochMilli(row.getLong(3)),
						row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
						row.getString(9)));
	}

	@Override
	public List<ToolCallCounts> toolCalls(String tool, Instant from, Instant until, Duration slice) {
		return stepCalls(StoredStep.TOOL, tool, from, until, slice);
	}

	@Override
	public List<ToolCallCounts> stepCalls(String kind, String tool, Instant from, Instant until, Duration slice) {
		return stepCalls(new StepQuery(kind, tool, null), from, until, slice);
	}

	@Override
	public List<ToolCallCounts> stepCalls(StepQuery steps, Instant from, Instant until, Duration slice) {
		long width = Math.max(1, slice.toMillis());
		long origin = from.toEpochMilli();
		return query("SELECT slice, COUNT(*), SUM(failed) FROM (SELECT (started_at - ?) / ? AS slice, "
				+ "CASE WHEN outcome = 'error' THEN 1 ELSE 0 END AS failed" + calls(steps)
				+ ") calls GROUP BY slice ORDER BY slice", (statement) -> {
					statement.setLong(1, origin);
					statement.setLong(2, width);
					bindWindow(statement, 3, steps, from, until);
				}, (row) -> new ToolCallCounts(Instant.ofEpochMilli(origin + row.getLong(1) * width), row.getLong(2),
						row.getLong(3)));
	}

	/** The steps a query selects, as a {@code FROM ... WHERE} clause; see {@link #bindWindow}. */
	private static String calls(StepQuery steps) {
		return (steps.server() != null) ? SERVED_CALLS : TOOL_CALLS;
	}

	private static String failures(StepQuery steps) {
		return (steps.server() != null) ? SERVED_FAILURES : TOOL_FAILURES;
	}

	@Override
	public List<ErrorTypeCount> errorTypes(String tool, Instant from, Instant until) {
		return errorTypes(StoredStep.TOOL, tool, from, until);
	}

	@Override
	public List<ErrorTypeCount> errorTypes(String kind, String tool, Instant from, Instant until) {
		return errorTypes(new StepQuery(kind, tool, null), from, until);
	}

	@Override
	public List<ErrorTypeCount> errorTypes(StepQuery steps, Instant from, Instant until) {
		return query("SELECT COALESCE(error_type, '_OTHER') AS type, COUNT(*), MIN(started_at), MAX(started_at), "
				+ "MAX(error_message)" + failures(steps) + " GROUP BY COALESCE(error_type, '_OTHER') "
				+ "ORDER BY COUNT(*) DESC, type", (statement) -> bindWindow(statement, 1, steps, from, until),
				(row) -> new ErrorTypeCount(row.getString(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)),
						Instant.ofEpochMilli(row.getLong(4)), row.getString(5)));
	}

	@Override
	public AffectedUsers affectedUsers(String tool, Instant from, Instant until) {
		return affectedUsers(StoredStep.TOOL, tool, from, until);
	}

	@Override
	public AffectedUsers affectedUsers(String kind, String tool, Instant from, Instant until) {
		return affectedUsers(new StepQuery(kind, tool, null), from, until);
	}

	@Override
	public AffectedUsers affectedUsers(StepQuery steps, Instant from, Instant until) {
		List<AffectedUsers> users = query("SELECT COALESCE(SUM(c), 0), COUNT(*), COALESCE(MAX(c), 0) FROM "
				+ "(SELECT user_id, COUNT(*) AS c" + failures(steps) + " GROUP BY user_id) failures",
				(statement) -> bindWindow(statement, 1, steps, from, until),
				(row) -> new AffectedUsers(row.getLong(1), row.getLong(2), row.getLong(3)));
		return users.isEmpty() ? AffectedUsers.NONE : users.get(0);
	}

	@Override
	public long expire(Instant startedBefore, long maxRuns) {
		Dialect dialect = dialect();
		try (Connection connection = this.dataSource.getConnection()) {
			long deleted;
			try (PreparedStatement old = connection.prepareStatement("DELETE FROM vigil_run WHERE started_at < ?")) {
				old.setLong(1, startedBefore.toEpochMilli());
				deleted = old.executeUpdate();
			}
			try (PreparedStatement old = connection
				.prepareStatement("DELETE FROM vigil_score WHERE run_started_at < ?")) {
				old.setLong(1, startedBefore.toEpochMilli());
				old.executeUpdate();
			}
			Long cutoff = null;
			try (PreparedStatement oldest = connection.prepareStatement(
					"SELECT started_at FROM vigil_run ORDER BY started_at DESC " + dialect.offsetOne())) {
				oldest.setLong(1, maxRuns);
				try (ResultSet row = oldest.executeQuery()) {
					if (row.next()) {
						cutoff = row.getLong(1);
					}
				}
			}
			if (cutoff != null) {
				try (PreparedStatement over = connection
					.prepareStatement("DELETE FROM vigil_run WHERE started_at <= ?")) {
					over.setLong(1, cutoff);
					deleted += over.executeUpdate();
				}
				try (PreparedStatement over = connection
					.prepareStatement("DELETE FROM vigil_score WHERE run_started_at <= ?")) {
					over.setLong(1, cutoff);
					over.executeUpdate();
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return deleted;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store failed to delete expired runs: " + ex.getMessage(), ex);
		}
	}

	// ---------------------------------------------------------------- evals

	@Override
	public List<StoredRun> runs(RunQuery query) {
		StringBuilder where = new StringBuilder(" FROM vigil_run WHERE started_at >= ? AND started_at < ?");
		List<Object> parameters = new ArrayList<>(List.of(query.from().toEpochMilli(), query.until().toEpochMilli()));
		if (query.agent() != null) {
			where.append(" AND agent = ?");
			parameters.add(query.agent());
		}
		if (query.outcome() != null) {
			where.append(" AND outcome = ?");
			parameters.add(query.outcome());
		}
		parameters.add(query.limit());
		String newest = where + " ORDER BY started_at DESC LIMIT ?";
		List<StoredRun> runs = query("SELECT " + RUN_COLUMNS + newest, (statement) -> bind(statement, parameters),
				this::run);
		if (runs.isEmpty()) {
			return runs;
		}
		Map<String, List<StoredStep>> steps = new HashMap<>();
		query("SELECT " + STEP_COLUMNS + " FROM vigil_step WHERE run_id IN (SELECT run_id" + newest
				+ ") ORDER BY run_id, step_index", (statement) -> bind(statement, parameters), (row) -> {
					steps.computeIfAbsent(row.getString(1), (id) -> new ArrayList<>()).add(step(row));
					return Boolean.TRUE;
				});
		List<StoredRun> whole = new ArrayList<>(runs.size());
		for (StoredRun run : runs) {
			whole.add(run.withSteps(steps.getOrDefault(run.runId(), List.of())));
		}
		return whole;
	}

	@Override
	public boolean feedback(String runId, Feedback feedback) {
		Dialect dialect = dialect();
		try (Connection connection = this.dataSource.getConnection()) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT 1 FROM vigil_run WHERE run_id = ?")) {
				exists.setString(1, runId);
				try (ResultSet row = exists.executeQuery()) {
					if (!row.next()) {
						return false;
					}
				}
			}
			try (PreparedStatement upsert = connection.prepareStatement(dialect.upsert("vigil_feedback",
					"run_id, resolved, source, received_at", "run_id", "resolved, source, received_at"))) {
				upsert.setString(1, runId);
				upsert.setBoolean(2, feedback.resolved());
				setNullable(upsert, 3, feedback.source());
				upsert.setLong(4, feedback.receivedAt().toEpochMilli());
				upsert.executeUpdate();
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store failed to keep feedback: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Map<String, Feedback> feedback(Instant from, Instant until) {
		Map<String, Feedback> found = new HashMap<>();
		query("SELECT f.run_id, f.resolved, f.source, f.received_at FROM vigil_feedback f JOIN vigil_run r"
				+ " ON r.run_id = f.run_id WHERE r.started_at >= ? AND r.started_at < ?", (statement) -> {
					statement.setLong(1, from.toEpochMilli());
					statement.setLong(2, until.toEpochMilli());
				}, (row) -> found.put(row.getString(1),
						new Feedback(row.getBoolean(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4)))));
		return found;
	}

	@Override
	public void writeScores(List<RunScore> scores) {
		if (scores.isEmpty()) {
			return;
		}
		Dialect dialect = dialect();
		inTransaction("write " + scores.size() + " scores", (connection) -> {
			try (PreparedStatement upsert = connection.prepareStatement(dialect.upsert("vigil_score",
					"run_id, scorer, score, label, explanation, agent, run_started_at, scored_at", "run_id, scorer",
					"score, label, explanation, agent, run_started_at, scored_at"))) {
				for (RunScore score : scores) {
					upsert.setString(1, cut(score.runId(), 200));
					upsert.setString(2, cut(score.scorer(), 100));
					upsert.setDouble(3, score.value());
					setNullable(upsert, 4, cut(score.label(), 100));
					setNullable(upsert, 5, cut(score.explanation(), 1000));
					upsert.setString(6, cut(score.agent(), 200));
					upsert.setLong(7, score.runStartedAt().toEpochMilli());
					upsert.setLong(8, score.scoredAt().toEpochMilli());
					upsert.addBatch();
				}
				upsert.executeBatch();
			}
		});
	}

	@Override
	public List<RunScore> scores(String runId) {
		return query("SELECT run_id, scorer, score, label, explanation, agent, run_started_at, scored_at"
				+ " FROM vigil_score WHERE run_id = ? ORDER BY scorer", (statement) -> statement.setString(1, runId),
				(row) -> new RunScore(row.getString(1), row.getString(2), row.getDouble(3), row.getString(4),
						row.getString(5), row.getString(6), Instant.ofEpochMilli(row.getLong(7)),
						Instant.ofEpochMilli(row.getLong(8))));
	}

	@Override
	public List<ScoreDay> scoreDays(String scorer, Instant from, Instant until) {
		return query("SELECT r.agent, r.started_at / 86400000, COUNT(*), COUNT(s.run_id), COALESCE(SUM(s.score), 0)"
				+ " FROM vigil_run r LEFT JOIN vigil_score s ON s.run_id = r.run_id AND s.scorer = ?"
				+ " WHERE r.started_at >= ? AND r.started_at < ? GROUP BY r.agent, r.started_at / 86400000"
				+ " ORDER BY 2, 1", (statement) -> {
					statement.setString(1, scorer);
					statement.setLong(2, from.toEpochMilli());
					statement.setLong(3, until.toEpochMilli());
				}, (row) -> new ScoreDay(row.getString(1), java.time.LocalDate.ofEpochDay(row.getLong(2)),
						row.getLong(3), row.getLong(4), row.getDouble(5)));
	}

	/** The log bucket of a positive value, as {@link io.github.vigil.metrics.LogBuckets#index} computes it. */
	private static String bucket(String expression) {
		return "CASE WHEN " + expression + " <= 0 THEN -1 ELSE CAST(FLOOR(LN(" + expression + ") * "
				+ (LogHistogram.PER_DOUBLING / Math.log(2)) + ") AS INTEGER) END";
	}

	private static void bindRange(PreparedStatement statement, int first, Instant from, Instant until)
			throws SQLException {
		statement.setLong(first, from.toEpochMilli());
		statement.setLong(first + 1, until.toEpochMilli());
	}

	@Override
	public Optional<Instant> firstRunAt() {
		List<Long> first = query("SELECT MIN(started_at) FROM vigil_run", (statement) -> {
		}, (row) -> {
			long value = row.getLong(1);
			return row.wasNull() ? null : value;
		});
		return (first.isEmpty() || first.get(0) == null) ? Optional.empty()
				: Optional.of(Instant.ofEpochMilli(first.get(0)));
	}

	@Override
	public List<String> toolNames(Instant from, Instant until) {
		return query("SELECT DISTINCT name FROM vigil_step WHERE kind = 'tool' AND started_at >= ? AND started_at < ?"
				+ " ORDER BY name", (statement) -> bindRange(statement, 1, from, until), (row) -> row.getString(1));
	}

	@Override
	public List<StepDurations> stepDurations(Instant from, Instant until) {
		Map<List<String>, LogHistogram> durations = new LinkedHashMap<>();
		query("SELECT kind, name, b, COUNT(*) FROM (SELECT kind, name, " + bucket("duration_us")
				+ " AS b FROM vigil_step WHERE started_at >= ? AND started_at < ?) steps GROUP BY kind, name, b "
				+ "ORDER BY kind, name", (statement) -> bindRange(statement, 1, from, until), (row) -> durations
					.computeIfAbsent(List.of(row.getString(1), row.getString(2)), (key) -> new LogHistogram())
					.add(row.getInt(3), row.getLong(4)));
		List<StepDurations> result = new ArrayList<>();
		durations.forEach((key, histogram) -> result.add(new StepDurations(key.get(0), key.get(1), histogram)));
		return result;
	}

	@Override
	public LogHistogram runTokens(Instant from, Instant until) {
		LogHistogram tokens = new LogHistogram();
		query("SELECT b, COUNT(*) FROM (SELECT " + bucket("(input_tokens + output_tokens)")
				+ " AS b FROM vigil_run WHERE started_at >= ? AND started_at < ?) runs GROUP BY b",
				(statement) -> bindRange(statement, 1, from, until), (row) -> tokens.add(row.getInt(1), row.getLong(2)));
		return tokens;
	}

	@Override
	public List<CostShare> costs(CostShare.By by, Instant from, Instant until, int limit) {
		String currency = (by == CostShare.By.MODEL) ? singleCurrency(from, until) : null;
		String sql = switch (by) {
			case AGENT -> "SELECT agent, SUM(cost), MIN(currency), MAX(currency), COUNT(*) FROM vigil_run WHERE cost IS "
					+ "NOT NULL AND started_at >= ? AND started_at < ? GROUP BY agent ORDER BY SUM(cost) DESC, agent "
					+ "LIMIT ?";
			case USER -> "SELECT user_id, SUM(cost), MIN(currency), MAX(currency), COUNT(*) FROM vigil_run WHERE cost "
					+ "IS NOT NULL AND started_at >= ? AND started_at < ? GROUP BY user_id ORDER BY SUM(cost) DESC, "
					+ "user_id LIMIT ?";
			case MODEL -> (currency != null)
					// one currency over the range (the usual case): the steps alone answer, without joining their runs
					? "SELECT COALESCE(response_model, name), SUM(cost), ?, ?, COUNT(*) FROM vigil_step WHERE kind = "
							+ "'model' AND cost IS NOT NULL AND started_at >= ? AND started_at < ? GROUP BY "
							+ "COALESCE(response_model, name) ORDER BY SUM(cost) DESC, COALESCE(response_model, name) "
							+ "LIMIT ?"
					: "SELECT COALESCE(s.response_model, s.name), SUM(s.cost), MIN(r.currency), MAX(r.currency), "
							+ "COUNT(*) FROM vigil_step s JOIN vigil_run r ON r.run_id = s.run_id WHERE s.kind = 'model' "
							+ "AND s.cost IS NOT NULL AND s.started_at >= ? AND s.started_at < ? GROUP BY "
							+ "COALESCE(s.response_model, s.name) ORDER BY SUM(s.cost) DESC, COALESCE(s.response_model, "
							+ "s.name) LIMIT ?";
		};
		return query(sql, (statement) -> {
			int next = 1;
			if (currency != null) {
				statement.setString(next++, currency);
				statement.setString(next++, currency);
			}
			bindRange(statement, next, from, until);
			statement.setInt(next + 2, Math.max(0, limit));
		}, (row) -> {
			String low = row.getString(3);
			String high = row.getString(4);
			return new CostShare(row.getString(1), decimal(row.getBigDecimal(2)),
					(low != null && low.equals(high)) ? low : null, row.getLong(5));
		});
	}

	/** The one currency the priced runs of a range are in, {@code null} when they mix currencies or none is priced. */
	private @Nullable String singleCurrency(Instant from, Instant until) {
		List<String[]> currencies = query("SELECT MIN(currency), MAX(currency) FROM vigil_run WHERE started_at >= ? AND "
				+ "started_at < ? AND cost IS NOT NULL", (statement) -> bindRange(statement, 1, from, until),
				(row) -> new String[] { row.getString(1), row.getString(2) });
		String[] range = currencies.isEmpty() ? new String[2] : currencies.get(0);
		return (range[0] != null && range[0].equals(range[1])) ? range[0] : null;
	}

	@Override
	public List<SessionSummary> sessions(@Nullable String userId, Instant from, Instant until, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		// the latest conversations are those of the newest runs: read runs newest first until enough conversations
		// are seen, then add up only theirs, instead of grouping every conversation of a wide range
		int rows = limit * NEWEST_RUNS_PER_SESSION;
		List<String> newest = query("SELECT memory_id FROM vigil_run WHERE started_at >= ? AND started_at < ?"
				+ ((userId != null) ? " AND user_id = ?" : "") + " AND memory_id IS NOT NULL ORDER BY started_at DESC"
				+ " LIMIT ?", (statement) -> {
					bindRange(statement, 1, from, until);
					int next = 3;
					if (userId != null) {
						statement.setString(next++, userId);
					}
					statement.setInt(next, rows);
				}, (row) -> row.getString(1));
		Set<String> memoryIds = new LinkedHashSet<>();
		for (String memoryId : newest) {
			if (memoryIds.size() == limit) {
				break;
			}
			memoryIds.add(memoryId);
		}
		boolean complete = memoryIds.size() == limit || newest.size() < rows;
		if (memoryIds.isEmpty()) {
			return List.of();
		}
		String sessions = complete ? " AND memory_id IN (" + String.join(", ", java.util.Collections.nCopies(
				memoryIds.size(), "?")) + ")" : " AND memory_id IS NOT NULL";
		return query("SELECT memory_id, MAX(user_id), COUNT(*), SUM(CASE WHEN outcome <> 'completed' THEN 1 ELSE 0 "
				+ "END), MIN(started_at), MAX(started_at), SUM(input_tokens + output_tokens), SUM(cost) FROM vigil_run "
				+ "WHERE started_at >= ? AND started_at < ?" + ((userId != null) ? " AND user_id = ?" : "") + sessions
				+ " GROUP BY memory_id ORDER BY MAX(started_at) DESC, memory_id LIMIT ?", (statement) -> {
					bindRange(statement, 1, from, until);
					int next = 3;
					if (userId != null) {
						statement.setString(next++, userId);
					}
					if (complete) {
						for (String memoryId : memoryIds) {
							statement.setString(next++, memoryId);
						}
					}
					statement.setInt(next, limit);
				}, (row) -> {
					java.math.BigDecimal cost = row.getBigDecimal(8);
					return new SessionSummary(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
							Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)),
							row.getLong(7), (cost != null) ? decimal(cost) : null);
				});
	}

	@Override
	public List<StoredRun> session(String memoryId, int limit) {
		List<StoredRun> runs = new ArrayList<>(query("SELECT " + RUN_COLUMNS
				+ " FROM vigil_run WHERE memory_id = ? ORDER BY started_at DESC LIMIT ?", (statement) -> {
					statement.setString(1, memoryId);
					statement.setInt(2, Math.max(0, limit));
				}, this::run));
		java.util.Collections.reverse(runs);
		return runs;
	}

	@Override
	public List<VersionSeen> versions(Instant from, Instant until) {
		return query("SELECT version, instance, MIN(started_at), MAX(started_at), COUNT(*) FROM vigil_run WHERE "
				+ "started_at >= ? AND started_at < ? GROUP BY version, instance ORDER BY MIN(started_at)",
				(statement) -> bindRange(statement, 1, from, until),
				(row) -> new VersionSeen(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
						Instant.ofEpochMilli(row.getLong(4)), row.getLong(5)));
	}

	@Override
	public List<PromptRuns> runsByPrompt(String agent, Instant from, Instant until) {
		Map<String, Map<String, Double>> means = new HashMap<>();
		query("SELECT r.prompt_version, s.scorer, AVG(s.score) FROM vigil_score s JOIN vigil_run r ON r.run_id = "
				+ "s.run_id WHERE r.agent = ? AND r.started_at >= ? AND r.started_at < ? AND r.prompt_version IS NOT "
				+ "NULL GROUP BY r.prompt_version, s.scorer", (statement) -> {
					statement.setString(1, agent);
					bindRange(statement, 2, from, until);
				}, (row) -> means.computeIfAbsent(row.getString(1), (k) -> new java.util.TreeMap<>())
					.put(row.getString(2), row.getDouble(3)));
		return query("SELECT MAX(prompt_name), prompt_version, COUNT(*), SUM(CASE WHEN outcome = 'completed' THEN 0 "
				+ "ELSE 1 END), MIN(started_at), MAX(started_at) FROM vigil_run WHERE agent = ? AND started_at >= ? "
				+ "AND started_at < ? AND prompt_version IS NOT NULL GROUP BY prompt_version ORDER BY MIN(started_at)",
				(statement) -> {
					statement.setString(1, agent);
					bindRange(statement, 2, from, until);
				}, (row) -> new PromptRuns(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
						Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)),
						means.getOrDefault(row.getString(2), Map.of())));
	}

	@Override
	public List<VersionCalls> toolCallsByVersion(String tool, Instant from, Instant until) {
		return query("SELECT r.version, COUNT(*), SUM(CASE WHEN s.outcome = 'error' THEN 1 ELSE 0 END) FROM vigil_step "
				+ "s JOIN vigil_run r ON r.run_id = s.run_id WHERE s.kind = 'tool' AND s.name = ? AND s.started_at >= ?"
				+ " AND s.started_at < ? GROUP BY r.version ORDER BY r.version", (statement) -> {
					statement.setString(1, tool);
					bindRange(statement, 2, from, until);
				}, (row) -> new VersionCalls(row.getString(1), row.getLong(2), row.getLong(3)));
	}

	@Override
	public long count() {
		List<Long> count = query("SELECT COUNT(*) FROM vigil_run", (statement) -> {
		}, (row) -> row.getLong(1));
		return count.get(0);
	}

	private StoredRun run(ResultSet row) throws SQLException {
		return new StoredRun(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
				row.getString(5), row.getString(6), row.getString(7), row.getString(8),
				Instant.ofEpochMilli(row.getLong(9)), Instant.ofEpochMilli(row.getLong(10)), row.getString(11),
				row.getString(12), row.getString(13), row.getLong(14), row.getLong(15), row.getString(16),
				row.getString(17), fromJson(row.getString(18), TRIPS), fromJson(row.getString(19), FLAGS), List.of(),
				decimal(row.getBigDecimal(20)), row.getString(21), fromJson(row.getString(22), AGENTS),
				row.getString(23), (row.getString(25) != null) ? new PromptVersion(row.getString(24), row.getString(25))
						: null);
	}

	private static StoredStep step(ResultSet row) throws SQLException {
		return new StoredStep(row.getInt(2), row.getString(3), row.getLong(5), row.getLong(6), row.getString(7),
				row.getString(8), row.getString(9), row.getString(10), row.getString(11), row.getString(12),
				row.getString(13), row.getLong(14), row.getLong(15), row.getString(16), row.getString(17),
				decimal(row.getBigDecimal(20)), row.getString(21));
	}

	private static java.math.@Nullable BigDecimal decimal(java.math.@Nullable BigDecimal value) {
		return (value != null) ? value.stripTrailingZeros() : null;
	}

	private static void bindWindow(PreparedStatement statement, int first, String kind, String tool, Instant from,
			Instant until) throws SQLException {
		statement.setString(first, kind);
		statement.setString(first + 1, tool);
		statement.setLong(first + 2, from.toEpochMilli());
		statement.setLong(first + 3, until.toEpochMilli());
	}

	private static void bindWindow(PreparedStatement statement, int first, StepQuery steps, Instant from,
			Instant until) throws SQLException {
		bindWindow(statement, first, steps.kind(), steps.name(), from, until);
		if (steps.server() != null) {
			statement.setString(first + 4, steps.server());
		}
	}

	private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			Object value = parameters.get(i);
			if (value instanceof Long number) {
				statement.setLong(i + 1, number);
			}
			else if (value instanceof Integer number) {
				statement.setInt(i + 1, number);
			}
			else {
				statement.setString(i + 1, (String) value);
			}
		}
	}

	private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
		dialect();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			binder.bind(statement);
			try (ResultSet rows = statement.executeQuery()) {
				List<T> result = new ArrayList<>();
				while (rows.next()) {
					result.add(reader.read(rows));
				}
				return result;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the run store query failed: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;

	}

	@FunctionalInterface
	private interface RowReader<T> {

		T read(ResultSet row) throws SQLException;

	}

	/** What differs between the databases the store supports. */
	private enum Dialect {

		POSTGRESQL("postgresql", false), H2("h2", true);

		final String script;

		final boolean embedded;

		Dialect(String script, boolean embedded) {
			this.script = script;
			this.embedded = embedded;
		}

		static Dialect of(String product) {
			String name = product.toLowerCase(Locale.ROOT);
			if (name.contains("postgres")) {
				return POSTGRESQL;
			}
			if (name.contains("h2")) {
				return H2;
			}
			throw new IllegalStateException("the run store supports PostgreSQL and H2, not " + product);
		}

		String insert(String table, String columns, String key) {
			int count = columns.split(",").length;
			String values = "?" + ", ?".repeat(count - 1);
			if (this == POSTGRESQL) {
				return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + key
						+ ") DO NOTHING";
			}
			return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + values + ")";
		}

		String upsert(String table, String columns, String key, String updated) {
			int count = columns.split(",").length;
			String values = "?" + ", ?".repeat(count - 1);
			if (this == POSTGRESQL) {
				StringBuilder set = new StringBuilder();
				for (String column : updated.split(",")) {
					String name = column.strip();
					set.append((set.length() > 0) ? ", " : "").append(name).append(" = EXCLUDED.").append(name);
				}
				return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + key
						+ ") DO UPDATE SET " + set;
			}
			return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + values + ")";
		}

		String offsetOne() {
			return "OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY";
		}

	}

}
