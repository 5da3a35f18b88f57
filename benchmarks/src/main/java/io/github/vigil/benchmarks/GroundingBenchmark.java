package io.github.vigil.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.vigil.grounding.Evidence;
import io.github.vigil.grounding.GroundingCheck;
import io.github.vigil.grounding.Product;
import io.github.vigil.grounding.StaticKnowledgeBase;
import io.github.vigil.grounding.Flag;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hallucination proxy's cost: a 2 KB support answer (products, prices, links, staff names, order ids; some
 * backed, some not) checked against a catalog of {@code catalogSize} products, 10,000 published URLs and 10,000
 * people. The time per check should not depend on the catalog's size. {@code checkWithRetrieval} adds what a run's
 * retrieval brings: {@code segments} retrieved segments in the evidence, and the share they back.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GroundingBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class GroundingBenchmark {

	private static final String[] ADJECTIVES = { "Trail", "Urban", "Alpine", "Coastal", "Classic", "Pro", "Ultra",
			"Compact", "Deluxe", "Everyday" };

	private static final String[] NOUNS = { "Runner Shoes", "Wool Socks", "Rain Jacket", "Backpack", "Water Bottle",
			"Lantern", "Coffee Grinder", "Yoga Mat", "Desk Lamp", "Headphones" };

	@Param({ "1000", "100000" })
	int catalogSize;

	/** Segments a retrieval found for the run, each about 300 characters: 0 is a run without retrieval. */
	@Param({ "0", "5", "50" })
	int segments;

	private List<String> retrievedTexts;

	private GroundingCheck check;

	private Evidence evidence;

	private List<String> runTexts;

	private String answer;

	@Setup(Level.Trial)
	public void setUp() {
		Random random = new Random(42);
		List<Product> catalog = new ArrayList<>(this.catalogSize);
		for (int i = 0; i < this.catalogSize; i++) {
			String name = ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[(i / ADJECTIVES.length) % NOUNS.length]
					+ " " + (i / (ADJECTIVES.length * NOUNS.length));
			catalog.add(new Product("SKU-" + i, name, BigDecimal.valueOf(500 + random.nextInt(50_000), 2), "USD"));
		}
		Set<String> urls = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			urls.add("https://shop.example.com/help/article-" + i);
		}
		Set<String> people = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			people.add("Agent" + i + " Support" + i);
		}
		people.add("Maria Lopez");
		this.check = new GroundingCheck(List.of(new StaticKnowledgeBase(urls, List.of("https://help.example.com/"),
				people, List.of("ORD-\\d{5}", "RMA-\\d{6}"), catalog)));
		Product first = catalog.get(0);
		Product second = catalog.get(1);
		this.evidence = new Evidence(List.of("Hi, where is my order ORD-10042? I also asked about ORD-20417.",
				"{\"id\":\"ORD-10042\",\"status\":\"shipped\",\"total\":\"154.99\",\"carrier\":\"DHL\"}",
				"{\"id\":\"ORD-20417\",\"status\":\"delivered\",\"total\":\"89.50\"}"));
		String paragraph = "Thanks for your patience! Your order ORD-10042 shipped yesterday with DHL and your order "
				+ "ORD-20417 was delivered on Monday; the totals were $154.99 and $89.50. The " + first.name()
				+ " costs $" + first.price().toPlainString() + " and the " + second.name() + " is $"
				+ second.price().toPlainString() + ". You can read the returns policy at "
				+ "https://shop.example.com/help/article-17 or https://help.example.com/returns/start, and Maria "
				+ "Lopez from our returns team will follow up. Some customers found a deal at "
				+ "https://deals.example.net/spring for $12.34, and Ask John Peterson about RMA-123456. ";
		StringBuilder text = new StringBuilder();
		while (text.length() < 2048) {
			text.append(paragraph);
		}
		this.answer = text.substring(0, 2048);
		List<String> found = new ArrayList<>();
		for (int i = 0; i < this.segments; i++) {
			String segment = "Policy " + i + ": items of kind " + (i * 7919 % 101) + " can be returned within "
					+ (i % 60) + " days of delivery for a full refund; return shipping costs $" + (i % 9) + ".95 and "
					+ "starts at https://shop.example.com/help/returns-" + i + ". Exchanges are free within 30 days, "
					+ "and a damaged item is replaced when a photo reaches us within 14 days of delivery.";
			found.add(segment);
		}
		this.retrievedTexts = List.copyOf(found);
		this.runTexts = List.of("Hi, where is my order ORD-10042? I also asked about ORD-20417.");
		List<Flag> flags = this.check.check(this.answer, this.evidence);
		if (flags.isEmpty()) {
			throw new IllegalStateException("the answer must contain unbacked items");
		}
	}

	@Benchmark
	public List<Flag> check() {
		return this.check.check(this.answer, this.evidence);
	}

	/**
	 * What the hallucination check does for a run that retrieved {@code segments} segments: one pass over the
	 * answer, each item looked up in the run's evidence and in the segments (for the share they back). The evidence
	 * is read once per answer, as in a run, so it is made anew each time.
	 * @return the items the segments do not back
	 */
	@Benchmark
	public List<Flag> checkWithRetrieval() {
		Evidence run = new Evidence(this.runTexts);
		if (this.segments == 0) {
			return this.check.check(this.answer, run);
		}
		return this.check.assess(this.answer, run, new Evidence(this.retrievedTexts)).flags();
	}

}
