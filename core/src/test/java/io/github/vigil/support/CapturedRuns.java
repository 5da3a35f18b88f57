package io.github.vigil.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;

/**
 * A sink that keeps every finished run.
 */
public final class CapturedRuns implements RunSink {

	private final List<RunRecord> runs = new CopyOnWriteArrayList<>();

	@Override
	public void accept(RunRecord run) {
		this.runs.add(run);
	}

	public List<RunRecord> all() {
		return this.runs;
	}

	public RunRecord single() {
		if (this.runs.size() != 1) {
			throw new AssertionError("expected exactly one run, got " + this.runs.size() + ": " + this.runs);
		}
		return this.runs.get(0);
	}

}
