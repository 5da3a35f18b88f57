package io.github.vigil.grounding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * A product catalog read from CSV with the header {@code sku,name,price,currency} (quoted fields allowed). A
 * catalog read from a file is read again when the file changes, checked at most every few seconds, so it reloads
 * without a restart.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class CsvCatalog implements KnowledgeBase {

	private static final long CHECK_EVERY_NANOS = 2_000_000_000L;

	private final Callable<InputStream> source;

	private final @Nullable Path file;

	private final String description;

	private volatile List<Product> products = List.of();

	private volatile long version = -1;

	private volatile long checkedAt;

	private CsvCatalog(Callable<InputStream> source, @Nullable Path file, String description) {
		this.source = source;
		this.file = file;
		this.description = description;
		load();
	}

	/**
	 * Reads a catalog file, again whenever it changes.
	 * @param file the CSV file
	 * @return the catalog
	 */
	public static CsvCatalog fromFile(Path file) {
		return new CsvCatalog(() -> Files.newInputStream(file), file, file.toString());
	}

	/**
	 * Reads a catalog once from a stream source, such as a classpath resource.
	 * @param source opens the CSV
	 * @param description names the source in error messages
	 * @return the catalog
	 */
	public static CsvCatalog fromStream(Callable<InputStream> source, String description) {
		return new CsvCatalog(source, null, description);
	}

	@Override
	public Collection<Product> catalog() {
		return this.products;
	}

	@Override
	public long version() {
		if (this.file != null && System.nanoTime() - this.checkedAt > CHECK_EVERY_NANOS) {
			this.checkedAt = System.nanoTime();
			try {
				if (Files.getLastModifiedTime(this.file).toMillis() != this.version) {
					load();
				}
			}
			catch (IOException | RuntimeException ex) {
				// keep the last good catalog
			}
		}
		return this.version;
	}

	private synchronized void load() {
		try {
			long modified = (this.file != null) ? Files.getLastModifiedTime(this.file).toMillis() : 0;
			try (InputStream in = this.source.call()) {
				this.products = parse(in);
			}
			this.version = modified;
		}
		catch (Exception ex) {
			if (this.version == -1) {
				throw new IllegalArgumentException("Cannot read the catalog " + this.description + ": "
						+ ex.getMessage(), ex);
			}
		}
	}

	private List<Product> parse(InputStream in) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String header = reader.readLine();
		if (header == null) {
			return List.of();
		}
		List<String> columns = fields(header.replace("\uFEFF", "")).stream()
			.map((c) -> c.trim().toLowerCase(Locale.ROOT))
			.toList();
		int sku = require(columns, "sku");
		int name = require(columns, "name");
		int price = require(columns, "price");
		int currency = columns.indexOf("currency");
		List<Product> products = new ArrayList<>();
		String line;
		int number = 1;
		while ((line = reader.readLine()) != null) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			List<String> fields = fields(line);
			try {
				products.add(new Product(fields.get(sku).trim(), fields.get(name).trim(),
						new BigDecimal(fields.get(price).trim()),
						(currency >= 0 && currency < fields.size() && !fields.get(currency).isBlank())
								? fields.get(currency).trim() : null));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("line " + number + " of " + this.description + " is not "
						+ "sku,name,price,currency: " + line, ex);
			}
		}
		return List.copyOf(products);
	}

	private int require(List<String> columns, String column) {
		int index = columns.indexOf(column);
		if (index < 0) {
			throw new IllegalArgumentException(this.description + " has no '" + column
					+ "' column; the header must be sku,name,price,currency");
		}
		return index;
	}

	private static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
