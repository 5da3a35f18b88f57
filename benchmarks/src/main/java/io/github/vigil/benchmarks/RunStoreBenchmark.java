package io.github.vigil.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.vigil.Vigil;
import io.github.vigil.autoconfigure.actuate.VigilEndpoint;
import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StoredStep;
import io.github.vigil.store.ToolSummary;
import io.github.vigil.store.Triage;
import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.store.jdbc.SchemaInitialization;
import io.github.vigil.support.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC run store's sustained write throughput, one instance writing batches as its writer thread does: runs
 * per second (each run with a model call, a tool call and a model call), on H2 (in memory) and on a PostgreSQL
 * server started for the benchmark (a throwaway cluster on this machine, fsync off as in the tests).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RunStoreBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RunStoreBenchmark {

	/** Runs per batch, as the writer thread takes them at most. */
	static final int BATCH = 200;

	@Param({ "h2", "postgresql" })
	public String database;

	private PostgresServer server;

	private JdbcRunStore store;

	private final AtomicLong sequence = new AtomicLong();

	private final Instant start = Instant.now();

	@Setup(Level.Trial)
	public void setUp() {
		this.store = new JdbcRunStore(dataSource(), SchemaInitialization.ALWAYS).initialize();
	}

	private DataSource dataSource() {
		if (this.database.equals("h2")) {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			return h2;
		}
		this.server = PostgresServer.start();
		DataSource created = this.server.database("vigil_bench");
		PGSimpleDataSource postgres = (PGSimpleDataSource) created;
		postgres.setReWriteBatchedInserts(true);
		return postgres;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void write() {
		List<StoredRun> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			long n = this.sequence.incrementAndGet();
			batch.add(run(n, this.start.plusMillis(n), n % 20 == 0));
		}
		this.store.write(batch);
	}

	/** A stored run as the recorder makes it: two model calls around one lookup. */
	static StoredRun run(long n, Instant at, boolean failed) {
		StoredStep tool = failed
				? new StoredStep(1, StoredStep.TOOL, 210_000, 38_000, "lookupOrder", StoredStep.ERROR, "html_response",
						"tool returned an HTML page: <title>410 Gone</title>", "{\"orderId\":\"ORD-" + (n % 5000) + "\"}",
						"<!DOCTYPE html><html><head><title>410 Gone</title>", null, 0, 0, null, null, null)
				: new StoredStep(1, StoredStep.TOOL, 210_000, 38_000, "lookupOrder", StoredStep.SUCCESS, null, null,
						"{\"orderId\":\"ORD-" + (n % 5000) + "\"}", "{\"id\":\"ORD-1\",\"status\":\"shipped\"}", null, 0,
						0, null, null, null);
		return new StoredRun("run-" + n + "-" + UUID.randomUUID(), null, "bench", "SupportAgent",
				"io.example.SupportAgent", "chat", "user-" + (n % 4000), "conversation-" + n, at, at.plusMillis(900),
				"completed", null, null, 540, 60, "Where is my order ORD-10042?", "It shipped on Monday.", List.of(),
				List.of(),
				List.of(new StoredStep(0, StoredStep.MODEL, 0, 200_000, "gpt-4o-mini", StoredStep.SUCCESS, null, null,
						null, null, "gpt-4o-mini-2024-07-18", 280, 20, "tool_execution", "chat", new BigDecimal("0.000054")), tool,
						new StoredStep(2, StoredStep.MODEL, 260_000, 600_000, "gpt-4o-mini", StoredStep.SUCCESS, null,
								null, null, null, "gpt-4o-mini-2024-07-18", 260, 40, "stop", "chat", new BigDecimal("0.000063"))),
				new BigDecimal("0.000117"), "USD");
	}

	/**
	 * The triage summary of a tool, and the agent console's whole answer, at a million stored runs on PostgreSQL: the
	 * runs span the two days up to the benchmark's start (about 5,000 in the last 15 minutes, 21,000 in the last hour),
	 * the tool failing in 5% of them until 10 minutes before the end, then in 60%. The console is asked as the browser
	 * asks it, through the endpoint, for its default range (since the first run, at most the last hour) and for 24 h.
	 *
	 * <pre>
	 * java -jar benchmarks/target/benchmarks.jar RunStoreBenchmark.Summary
	 * </pre>
	 */
	@State(Scope.Benchmark)
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	@Warmup(iterations = 3, time = 2)
	@Measurement(iterations = 5, time = 2)
	@Fork(1)
	public static class Summary {

		@Param({ "1000000" })
		public int runs;

		private PostgresServer server;

		private Triage triage;

		@Setup(Level.Trial)
		public void setUp() {
			this.server = PostgresServer.start();
			PGSimpleDataSource dataSource = (PGSimpleDataSource) this.server.database("vigil_summary");
			dataSource.setReWriteBatchedInserts(true);
			JdbcRunStore store = new JdbcRunStore(dataSource, SchemaInitialization.ALWAYS).initialize();
			Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			Duration span = Duration.ofDays(2);
			long step = span.toMillis() / this.runs;
			Instant incident = end.minus(Duration.ofMinutes(10));
			List<StoredRun> batch = new ArrayList<>(1000);
			long started = System.nanoTime();
			for (int i = 0; i < this.runs; i++) {
				Instant at = end.minus(span).plusMillis(i * step);
				boolean failing = at.isBefore(incident) ? (i % 20 == 0) : (i % 5 < 3);
				batch.add(run(i, at, failing));
				if (batch.size() == 1000) {
					store.write(batch);
					batch.clear();
				}
			}
			store.write(batch);
			System.err.printf("loaded %d runs in %d s%n", this.runs,
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
			this.triage = new Triage(store, Clock.fixed(end, ZoneOffset.UTC), ReplayPolicy.off(), null, (type) -> null);
			// the store's own sweep must keep the million: retention two weeks, room for two million
			this.vigil = Vigil.builder(new SimpleMeterRegistry())
				.runLog(false)
				.runStore(store)
				.storePolicy(new StorePolicy(true, Duration.ofDays(14), 2_000_000, 1.0, 10_000, false))
				.build();
			this.endpoint = new VigilEndpoint(this.vigil, "/actuator/vigil");
		}

		private Vigil vigil;

		private VigilEndpoint endpoint;

		@TearDown(Level.Trial)
		public void tearDown() {
			this.vigil.close();
			this.server.close();
		}

		@Benchmark
		public ToolSummary summary() {
			return this.triage.summary("lookupOrder", Duration.ofMinutes(15));
		}

		@Benchmark
		public Object consoleDefaultRange() {
			return answer(null);
		}

		@Benchmark
		public Object console24h() {
			return answer("24h");
		}

		private Object answer(String range) {
			var response = this.endpoint.section("console", null, null, null, range);
			if (response.getStatus() != 200) {
				throw new IllegalStateException("the console answered " + response.getStatus() + ": "
						+ response.getBody());
			}
			return response.getBody();
		}

	}

}
