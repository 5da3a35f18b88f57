package io.github.vigil.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The order-lookup support agent, observed by Vigil.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class SupportAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(SupportAgentApplication.class, args);
	}

}
