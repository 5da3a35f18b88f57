package io.github.vigil.log;

import io.github.vigil.run.ContentRedactor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the run log keeps of user content by default.
 */
class ContentRedactorTests {

	private final ContentRedactor redactor = new ContentRedactor(500, true);

	@Test
	void emailAddressesPhoneNumbersAndCardNumbersAreMasked() {
		String text = "I'm jane.doe+shop@example.co.uk, call +44 20 7946 0958 or (415) 555-0132, "
				+ "card 4111 1111 1111 1111 please";

		assertThat(this.redactor.apply(text))
			.isEqualTo("I'm [email], call [phone] or [phone], card [card] please");
	}

	@Test
	void orderIdsPricesAndDatesAreKept() {
		String text = "Order ORD-10042 for $1,299.00 shipped on 2026-11-02, tracking 1Z999AA10123456784";

		assertThat(this.redactor.apply(text)).isEqualTo(text);
	}

	@Test
	void numbersThatFailTheLuhnCheckAreNotCards() {
		assertThat(this.redactor.apply("reference 1234 5678 9012 3456")).isEqualTo("reference 1234 5678 9012 3456");
	}

	@Test
	void longContentIsCutAndSaysSo() {
		assertThat(new ContentRedactor(10, true).apply("a".repeat(50))).isEqualTo("aaaaaaaaaa…[truncated]");
	}

	@Test
	void aCardNumberAcrossTheCutIsMaskedNotHalfKept() {
		String cut = new ContentRedactor(20, true).apply("pay with 4111111111111111 now");

		assertThat(cut).doesNotContain("4111").startsWith("pay with [card]");
	}

	@Test
	void redactionCanBeTurnedOff() {
		assertThat(new ContentRedactor(500, false).apply("mail jane@example.com")).isEqualTo("mail jane@example.com");
	}

	@Test
	void hugeContentIsHandledInBoundedWork() {
		String huge = "x".repeat(2_000_000) + " jane@example.com";

		assertThat(this.redactor.apply(huge)).hasSize(500 + "…[truncated]".length());
	}

	@Test
	void anIdentifierIsCutButNeverMasked() {
		assertThat(this.redactor.truncate("jane@example.com")).isEqualTo("jane@example.com");
		assertThat(this.redactor.truncate("u".repeat(10_800))).hasSize(500 + "…[truncated]".length());
	}

}
