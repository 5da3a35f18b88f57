package io.github.vigil.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An observation's key values gathered and sorted once are the ones {@link KeyValues#and} would have made.
 */
class AttributesTests {

	@Test
	void theSameKeyValuesAsAddingThemOneByOne() {
		KeyValue[] given = { KeyValue.of("gen_ai.provider.name", "openai"), KeyValue.of("error.type", "timeout"),
				KeyValue.of("gen_ai.agent.name", "SupportAgent"), KeyValue.of("gen_ai.operation.name", "chat"),
				KeyValue.of("gen_ai.request.model", "gpt-4o"), KeyValue.of("a.first", "1"), KeyValue.of("z.last", "2") };
		Attributes attributes = new Attributes();
		KeyValues oneByOne = KeyValues.empty();
		for (KeyValue value : given) {
			attributes.add(value);
			oneByOne = oneByOne.and(value);
		}
		assertThat(attributes.toKeyValues()).containsExactlyElementsOf(oneByOne);
	}

	@Test
	void aKeyGivenTwiceKeepsItsLastValueAsAndDoes() {
		KeyValues and = KeyValues.of(KeyValue.of("user.id", "u-1")).and(KeyValue.of("user.id", "u-2"));
		KeyValues gathered = new Attributes().add(KeyValue.of("user.id", "u-1"))
			.add(KeyValue.of("b", "x"))
			.add(KeyValue.of("user.id", "u-2"))
			.toKeyValues();
		assertThat(gathered.stream().filter((value) -> value.getKey().equals("user.id")))
			.containsExactlyElementsOf(and);
		assertThat(gathered).hasSize(2);
	}

	@Test
	void moreThanTheFirstArrayHoldsAndNoneAtAll() {
		Attributes attributes = new Attributes();
		assertThat(attributes.toKeyValues()).isEmpty();
		for (int i = 0; i < 40; i++) {
			attributes.add(KeyValue.of("key." + (char) ('a' + i % 26) + i, String.valueOf(i)));
		}
		assertThat(attributes.toKeyValues()).hasSize(40);
	}

}
