package io.github.vigil.sample;

import io.github.vigil.Vigil;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class SupportAgentApplicationTests {

	@Autowired
	Vigil vigil;

	@Test
	void startsWithVigilInstalledForItsAiServices() {
		assertThat(Vigil.defaultInstance()).isSameAs(this.vigil);
	}

}
