package io.github.vigil.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL server for tests: a new cluster ({@code initdb}) in a temporary directory, started with
 * {@code pg_ctl} on a free port with its socket in that directory, and removed when stopped. Tests that need it are
 * skipped, with the reason, on a machine without Debian's {@code postgresql} package; {@code .ci/run} installs it.
 * As root, the server runs as the {@code postgres} user the package creates, since PostgreSQL refuses to run as
 * root.
 */
public final class PostgresServer implements AutoCloseable {

	private static final String USER = "vigil";

	private final Path directory;

	private final Path data;

	private final Path bin;

	private final int port;

	private final boolean asPostgres;

	private PostgresServer(Path bin, Path directory, int port, boolean asPostgres) {
		this.bin = bin;
		this.directory = directory;
		this.data = directory.resolve("data");
		this.port = port;
		this.asPostgres = asPostgres;
	}

	/**
	 * Starts a server, or skips the calling test when PostgreSQL is not installed.
	 * @return the running server
	 */
	public static PostgresServer start() {
		Path bin = binaries();
		Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (initdb and pg_ctl not found on PATH or in "
				+ "/usr/lib/postgresql/*/bin); install Debian's postgresql package, as .ci/run does");
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			Assumptions.assumeTrue(run(List.of("id", "-u", "postgres"), null, 10) == 0,
					"running as root and there is no postgres user to run PostgreSQL as");
		}
		try {
			Path directory = Files.createTempDirectory("vigil-pg-");
			if (root) {
				run(List.of("chown", "postgres", directory.toString()), null, 10);
			}
			PostgresServer server = new PostgresServer(bin, directory, freePort(), root);
			server.startCluster();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create a PostgreSQL cluster", ex);
		}
	}

	private void startCluster() {
		int init = command(List.of(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-U", USER,
				"-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"), 120);
		if (init != 0) {
			throw new IllegalStateException("initdb failed with exit code " + init + ": "
					+ read(this.directory.resolve("command.log")));
		}
		startServer();
	}

	private void startServer() {
		Path log = this.directory.resolve("server.log");
		String options = "-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1"
				+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
		int started = command(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-o", options,
				"-l", log.toString(), "-w", "-t", "60", "start"), 90);
		if (started != 0) {
			throw new IllegalStateException("pg_ctl start failed with exit code " + started + ": " + read(log));
		}
	}

	/**
	 * Returns the JDBC URL of the server's {@code postgres} database.
	 * @return the URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Returns the user to connect as (no password).
	 * @return the user
	 */
	public String user() {
		return USER;
	}

	/**
	 * Returns a data source on a database of its own, created empty.
	 * @param database the database's name, letters and underscores
	 * @return the data source
	 */
	public DataSource database(String database) {
		try (Connection connection = DriverManager.getConnection(url(), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database);
		dataSource.setUser(USER);
		return dataSource;
	}

	/**
	 * Stops the server (it refuses connections from then on) without removing the cluster.
	 */
	public void pause() {
		command(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-m", "fast", "-w",
				"stop"), 60);
	}

	/**
	 * Starts a paused server again.
	 */
	public void resume() {
		startServer();
	}

	@Override
	public void close() {
		command(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-m", "immediate", "-w",
				"stop"), 60);
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temporary directory left behind is not worth failing a test for
		}
	}

	private int command(List<String> command, int timeoutSeconds) {
		List<String> full = new ArrayList<>();
		if (this.asPostgres) {
			full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		return run(full, this.directory.resolve("command.log"), timeoutSeconds);
	}

	private static int run(List<String> command, Path output, int timeoutSeconds) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (output != null) {
				builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
			}
			else {
				builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			}
			Process process = builder.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String read(Path file) {
		try {
			String text = Files.readString(file);
			return (text.length() > 2000) ? text.substring(text.length() - 2000) : text;
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static Path binaries() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				Path candidate = Path.of(dir);
				if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))
						&& Files.isExecutable(candidate.resolve("postgres"))) {
					try {
						return candidate.resolve("initdb").toRealPath().getParent();
					}
					catch (IOException ex) {
						return candidate;
					}
				}
			}
		}
		Path versions = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(versions)) {
			try (Stream<Path> dirs = Files.list(versions)) {
				return dirs.map((dir) -> dir.resolve("bin"))
					.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
					.max(Comparator.comparing((bin) -> versionOf(bin.getParent().getFileName().toString())))
					.orElse(null);
			}
			catch (IOException ex) {
				return null;
			}
		}
		return null;
	}

	private static int versionOf(String name) {
		try {
			return Integer.parseInt(name);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
