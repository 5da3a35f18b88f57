package io.github.vigil.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MemoryRunStoreTests extends RunStoreContract {

	@Override
	RunStore createStore() {
		return new MemoryRunStore(100);
	}

	@Test
	void theEmbeddedStoreKeepsTheNewestRunsUpToItsCapacity() {
		MemoryRunStore small = new MemoryRunStore(2);
		small.write(List.of(run("a", "u", T0), run("b", "u", T0.plusSeconds(1)), run("c", "u", T0.plusSeconds(2))));
		assertThat(small.recentRuns(10)).extracting(StoredRun::runId).containsExactly("c", "b");
	}

	@Test
	void aStoreWithoutRoomIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MemoryRunStore(0))
			.withMessageContaining("capacity must be at least 1");
	}

}
