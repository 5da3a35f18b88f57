package io.github.vigil.grounding;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.vigil.grounding.Flag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The hallucination proxy against a table of realistic support answers ({@code grounding/answers.tsv}, one case a
 * line): backed answers are never flagged, and planted URLs, prices, identifiers and (nearly all) people are.
 */
class GroundingCheckTests {

	static final KnowledgeBase SHOP = new StaticKnowledgeBase(
			Set.of("https://shop.example.com/returns", "https://shop.example.com/shipping"),
			List.of("https://help.example.com/"), Set.of("Maria Lopez", "Daniel Kim", "Priya Sharma"),
			List.of("ORD-\\d{5}", "RMA-\\d{6}"), List.of());

	static final KnowledgeBase CATALOG = CsvCatalog
		.fromStream(() -> GroundingCheckTests.class.getResourceAsStream("/grounding/catalog.csv"), "catalog.csv");

	private final GroundingCheck check = new GroundingCheck(List.of(SHOP, CATALOG));

	record Case(int line, boolean backed, List<String[]> planted, String evidence, String answer) {
	}

	static List<Case> cases() throws Exception {
		List<Case> cases = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				GroundingCheckTests.class.getResourceAsStream("/grounding/answers.tsv"), StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", -1);
				List<String[]> planted = new ArrayList<>();
				if (!columns[1].isEmpty()) {
					for (String item : columns[1].split("\\|")) {
						planted.add(item.split("=", 2));
					}
				}
				cases.add(new Case(number, columns[0].equals("backed"), planted, columns[2], columns[3]));
			}
		}
		return cases;
	}

	private List<Flag> check(Case c) {
		return this.check.check(c.answer(), new Evidence(c.evidence().isEmpty() ? List.of() : List.of(c.evidence())));
	}

	@Test
	void theTableHasAtLeastSixtyAnswersHalfBackedHalfPlanted() throws Exception {
		List<Case> cases = cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
		assertThat(cases.stream().filter(Case::backed).count()).isGreaterThanOrEqualTo(30);
		assertThat(cases.stream().filter((c) -> !c.backed()).count()).isGreaterThanOrEqualTo(30);
	}

	@Test
	void noBackedAnswerIsFlagged() throws Exception {
		for (Case c : cases()) {
			if (c.backed()) {
				assertThat(check(c)).as("line %d: %s", c.line(), c.answer()).isEmpty();
			}
		}
	}

	@Test
	void everyPlantedUrlPriceAndIdentifierIsFlagged() throws Exception {
		for (Case c : cases()) {
			List<Flag> flags = check(c);
			for (String[] item : c.planted()) {
				if (!item[0].equals(Flag.PERSON)) {
					assertThat(flags).as("line %d: %s", c.line(), c.answer())
						.anySatisfy((flag) -> {
							assertThat(flag.kind()).isEqualTo(item[0]);
							assertThat(flag.value()).isEqualTo(item[1]);
						});
				}
			}
		}
	}

	@Test
	void atLeastNinetyPercentOfPlantedPeopleAreFlagged() throws Exception {
		int planted = 0;
		int flagged = 0;
		for (Case c : cases()) {
			List<Flag> flags = check(c);
			for (String[] item : c.planted()) {
				if (item[0].equals(Flag.PERSON)) {
					planted++;
					if (flags.stream().anyMatch((f) -> f.kind().equals(Flag.PERSON) && f.value().equals(item[1]))) {
						flagged++;
					}
				}
			}
		}
		assertThat(planted).isGreaterThanOrEqualTo(8);
		assertThat((double) flagged / planted).isGreaterThanOrEqualTo(0.9);
	}

	@Test
	void flagsSayWhyAndNameTheCatalogPrice() {
		List<Flag> flags = this.check.check("The Trail Runner Shoes cost $99.99.", new Evidence(List.of()));

		assertThat(flags).singleElement().satisfies((flag) -> {
			assertThat(flag.kind()).isEqualTo("price");
			assertThat(flag.reason()).isEqualTo("catalog price of Trail Runner Shoes is 129.99 USD");
		});
	}

	@Test
	void anOrderTotalFromALookupAnOrderIdTheUserTypedAndAUrlTheToolReturnedAreBacked() {
		Evidence evidence = new Evidence(List.of("Where is my order ORD-48213?",
				"{\"id\":\"ORD-48213\",\"total\":\"318.40\",\"tracking\":\"https://carrier.example.net/t/9Z4\"}"));

		List<Flag> flags = this.check.check("Order ORD-48213 totals $318.40; track it at "
				+ "https://carrier.example.net/t/9Z4.", evidence);

		assertThat(flags).isEmpty();
	}

	@Test
	void aPriceMustMatchTheCurrencyWrittenWithIt() {
		assertThat(this.check.check("The Yoga Mat costs $45.00.", new Evidence(List.of()))).singleElement()
			.satisfies((flag) -> assertThat(flag.kind()).isEqualTo("price"));
	}

	@Test
	void aChangedCatalogFileIsReadAgainWithoutARestart() throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("catalog", ".csv");
		java.nio.file.Files.writeString(file, "sku,name,price,currency\nSKU-1,Desk Lamp,39.00,USD\n");
		CsvCatalog catalog = CsvCatalog.fromFile(file);
		GroundingCheck check = new GroundingCheck(List.of(catalog));
		assertThat(check.check("The Desk Lamp is $39.00.", new Evidence(List.of()))).isEmpty();

		java.nio.file.Files.writeString(file, "sku,name,price,currency\nSKU-1,Desk Lamp,44.00,USD\n");
		java.nio.file.Files.setLastModifiedTime(file,
				java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
		Thread.sleep(2_100);

		assertThat(check.check("The Desk Lamp is $39.00.", new Evidence(List.of()))).hasSize(1);
		assertThat(check.check("The Desk Lamp is $44.00.", new Evidence(List.of()))).isEmpty();
	}

	@Test
	void aCatalogWithoutTheRequiredColumnsIsAClearError() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> CsvCatalog.fromStream(
					() -> new java.io.ByteArrayInputStream("id,title\n1,Lamp\n".getBytes()), "bad.csv"))
			.hasMessageContaining("bad.csv has no 'sku' column; the header must be sku,name,price,currency");
	}

	@Test
	void badInputNeverThrowsAndTakesBoundedTime() {
		Evidence none = new Evidence(List.of());
		String megabyte = "Visit https://x.example.com/" + "a".repeat(300_000) + " or pay $"
				+ "9".repeat(200_000) + " to Mr " + "Abc ".repeat(100_000);
		List<String> inputs = List.of("", "   ", megabyte, "注文番号 ORD-12345 の配送状況: ¥4,500 — お問い合わせは 山田太郎 まで",
				"Свяжитесь с Иваном Петровым: https://пример.рф/путь", "http://", "https://[::1]:80/%zz",
				"www./..//", "$", "€,", "₹1,49,999.99", "Mr. ", "\u0000\uFFFF\uD83D\uDE00");

		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			for (String input : inputs) {
				assertThatNoException().isThrownBy(() -> this.check.check(input, none));
			}
		});
		assertThat(this.check.check(null, none)).isEmpty();
	}

}
