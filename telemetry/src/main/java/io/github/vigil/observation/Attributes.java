package io.github.vigil.observation;

import java.util.Arrays;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The key values of one observation, gathered and then sorted once: {@link KeyValues#and} makes a new sorted set at
 * each call, and a span or a step carries up to twenty. A key given twice keeps its last value, as with
 * {@code and}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Attributes {

	private KeyValue[] values = new KeyValue[16];

	private int size;

	Attributes add(KeyValue value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
		return this;
	}

	Attributes add(KeyValue first, KeyValue second) {
		return add(first).add(second);
	}

	KeyValues toKeyValues() {
		if (this.size == 0) {
			return KeyValues.empty();
		}
		KeyValue[] sorted = Arrays.copyOf(this.values, this.size);
		// stable: of two values with one key, the later stays after the earlier
		Arrays.sort(sorted);
		int kept = 0;
		for (KeyValue value : sorted) {
			if (kept > 0 && sorted[kept - 1].getKey().equals(value.getKey())) {
				sorted[kept - 1] = value;
			}
			else {
				sorted[kept++] = value;
			}
		}
		// sorted and without a repeated key, so KeyValues takes the array as it is
		return KeyValues.of((kept == sorted.length) ? sorted : Arrays.copyOf(sorted, kept));
	}

}
