package io.github.vigil.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.TimeoutException;

import dev.langchain4j.exception.ToolExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures map to a small, fixed set of error types.
 */
class ErrorTypesTests {

	@Test
	void timeoutsAnywhereInTheCauseChainAreTimeout() {
		assertThat(ErrorTypes.of(new TimeoutException())).isEqualTo("timeout");
		assertThat(ErrorTypes.of(new RuntimeException(new UncheckedIOException(new SocketTimeoutException()))))
			.isEqualTo("timeout");
		assertThat(ErrorTypes.of(new HttpConnectTimeoutException("connect"))).isEqualTo("timeout");
		assertThat(ErrorTypes.of(new dev.langchain4j.exception.TimeoutException("slow"))).isEqualTo("timeout");
	}

	@Test
	void refusedAndResetConnectionsAreConnection() {
		assertThat(ErrorTypes.of(new RuntimeException(new ConnectException("refused")))).isEqualTo("connection");
		assertThat(ErrorTypes.of(new UncheckedIOException(new IOException("Connection reset"))))
			.isEqualTo("connection");
	}

	@Test
	void otherFailuresAreTheirSimpleClassNameUnwrappedFromGenericWrappers() {
		assertThat(ErrorTypes.of(new IllegalArgumentException("bad id"))).isEqualTo("IllegalArgumentException");
		assertThat(ErrorTypes.of(new ToolExecutionException(new IllegalStateException("x"))))
			.isEqualTo("IllegalStateException");
		assertThat(ErrorTypes.of(new RuntimeException(new ArithmeticException()))).isEqualTo("ArithmeticException");
		assertThat(ErrorTypes.of(new RuntimeException("no cause"))).isEqualTo("RuntimeException");
	}

	@Test
	void anAnonymousExceptionIsOther() {
		assertThat(ErrorTypes.of(new RuntimeException() {
		})).isEqualTo("_OTHER");
	}

}
