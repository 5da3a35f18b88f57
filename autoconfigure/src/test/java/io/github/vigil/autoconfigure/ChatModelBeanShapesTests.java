package io.github.vigil.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat model beans of every shape work with the starter as without it: what can be wrapped transparently is, and
 * what cannot stays as it is, says so once, and is still observed inside AI services.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatModelBeanShapesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void aFinalModelClassIsInjectedByItsOwnClassAndItsAiServiceRunsAreObserved(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FinalModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			FinalModel model = context.getBean(FinalModel.class);
			assertThat(context.getBean(FinalModelUser.class).model()).isSameAs(model);
			assertThat(model.chat("hi")).isEqualTo("final answer");
			assertThat(output).contains("Vigil leaves the chat model bean 'finalModel'", "its class is final");

			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			assertThat(greeter.greet("hi")).isEqualTo("final answer");
			assertThat(runs(context.getBean(MeterRegistry.class), "Greeter")).isEqualTo(1);
		});
	}

	@Test
	void anUnwrappedModelsAiServicesReportToTheirOwnApplicationWhenSeveralRunInOneJvm() {
		this.contextRunner.withUserConfiguration(FinalModelConfiguration.class).run((first) -> {
			this.contextRunner.withUserConfiguration(FinalModelConfiguration.class).run((second) -> {
				Greeter greeter = AiServices.builder(Greeter.class)
					.chatModel(first.getBean(FinalModel.class))
					.build();
				greeter.greet("hi");
				assertThat(runs(first.getBean(MeterRegistry.class), "Greeter")).isEqualTo(1);
				assertThat(runs(second.getBean(MeterRegistry.class), "Greeter")).isZero();
			});
		});
	}

	@Test
	void finalMethodsOfAModelBeanRunOnTheBeanItself() {
		this.contextRunner.withUserConfiguration(FinalMethodConfiguration.class).run((context) -> {
			ModelWithFinalMethod model = context.getBean(ModelWithFinalMethod.class);
			assertThat(model.name()).isEqualTo("tuned-model");
			assertThat(model.chat("hi")).isEqualTo("answer from tuned-model");
			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			assertThat(greeter.greet("hi")).isEqualTo("answer from tuned-model");
			assertThat(runs(context.getBean(MeterRegistry.class), "Greeter")).isEqualTo(1);
		});
	}

	@Test
	void aModelBeanDeclaredAsItsInterfaceIsObservedForDirectCallsToo() {
		this.contextRunner.withBean("anonymousModel", ChatModel.class, () -> new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return answer("anonymous answer");
			}
		}).run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			assertThat(context.getBean(Vigil.class).observes(model)).isTrue();
			assertThat(model.chat("hi")).isEqualTo("anonymous answer");
			assertThat(modelCalls(context.getBean(MeterRegistry.class), "none")).isEqualTo(1);
		});
	}

	@Test
	void aLambdaBeanDeclaredAsTheApplicationsOwnSubInterfaceIsInjectedByItAndObserved() {
		this.contextRunner.withUserConfiguration(FunctionalModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			FunctionalChatModel model = context.getBean(FunctionalChatModel.class);
			assertThat(context.getBean(FunctionalModelUser.class).model()).isSameAs(model);
			assertThat(context.getBean(Vigil.class).observes(model)).isTrue();
			assertThat(model.answer(ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("hi"))
				.build()).aiMessage().text()).as("its own method").isEqualTo("lambda answer");
			assertThat(model.chat("hi")).isEqualTo("lambda answer");
			assertThat(modelCalls(context.getBean(MeterRegistry.class), "none")).isEqualTo(1);

			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			assertThat(greeter.greet("hi")).isEqualTo("lambda answer");
			assertThat(runs(context.getBean(MeterRegistry.class), "Greeter")).isEqualTo(1);
		});
	}

	@Test
	void aLambdaSubInterfaceBeanAnswersThrowsAndIsCalledExactlyAsWithoutVigil() {
		List<String> without = lambdaScenario(this.contextRunner.withPropertyValues("vigil.enabled=false"));
		List<String> with = lambdaScenario(this.contextRunner);

		assertThat(with).isEqualTo(without);
		assertThat(without).contains("its own method: lambda answer to hi", "asked: hi", "threw: "
				+ IllegalStateException.class.getName() + ": backend down");
	}

	@Test
	void aProxiedProviderClassAnswersAndThrowsThroughChatRequestExactlyAsWithoutVigil() {
		List<String> without = providerScenario(this.contextRunner.withPropertyValues("vigil.enabled=false"), false);
		List<String> with = providerScenario(this.contextRunner, true);

		assertThat(with).isEqualTo(without);
		assertThat(without).contains("chat: provider answer to hi", "service: provider answer to hey",
				"threw: " + IllegalStateException.class.getName() + ": backend down",
				"service threw: " + IllegalStateException.class.getName() + ": backend down", "asked: hi",
				"asked: boom");
	}

	/**
	 * A provider's model class (not final, so the starter proxies it): chat(ChatRequest) directly and through an AI
	 * service, answering and throwing; what came back and what the model was asked.
	 */
	private static List<String> providerScenario(ApplicationContextRunner runner, boolean proxied) {
		List<String> seen = new ArrayList<>();
		runner.withUserConfiguration(RecordingProviderModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ChatModel model = context.getBean(ChatModel.class);
			assertThat(org.springframework.aop.support.AopUtils.isCglibProxy(model)).isEqualTo(proxied);
			seen.add("chat: " + model.chat(ChatRequest.builder()
				.messages(dev.langchain4j.data.message.UserMessage.from("hi"))
				.build()).aiMessage().text());
			try {
				model.chat(ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("boom")).build());
			}
			catch (RuntimeException ex) {
				seen.add("threw: " + ex.getClass().getName() + ": " + ex.getMessage());
			}
			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			seen.add("service: " + greeter.greet("hey"));
			try {
				greeter.greet("boom");
			}
			catch (RuntimeException ex) {
				seen.add("service threw: " + ex.getClass().getName() + ": " + ex.getMessage());
			}
			context.getBean(AskedMessages.class).messages().forEach((message) -> seen.add("asked: " + message));
		});
		return seen;
	}

	/** The same calls on the bean, through its own method, chat and an AI service; what came back and what it was asked. */
	private static List<String> lambdaScenario(ApplicationContextRunner runner) {
		List<String> seen = new ArrayList<>();
		runner.withUserConfiguration(RecordingFunctionalModelConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			FunctionalChatModel model = context.getBean(FunctionalChatModel.class);
			seen.add("its own method: " + model.answer(ChatRequest.builder()
				.messages(dev.langchain4j.data.message.UserMessage.from("hi"))
				.build()).aiMessage().text());
			seen.add("chat: " + model.chat("hello"));
			seen.add("service: " + AiServices.builder(Greeter.class).chatModel(model).build().greet("hey"));
			try {
				model.chat("boom");
			}
			catch (RuntimeException ex) {
				seen.add("threw: " + ex.getClass().getName() + ": " + ex.getMessage());
			}
			context.getBean(AskedMessages.class).messages().forEach((message) -> seen.add("asked: " + message));
		});
		return seen;
	}

	@Test
	void thePrimaryOfSeveralModelsIsStillTheOneInjected() {
		this.contextRunner.withUserConfiguration(SeveralModels.class).run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			assertThat(model.chat("hi")).isEqualTo("primary answer");
			assertThat(context.getBean("secondary", ChatModel.class).chat("hi")).isEqualTo("secondary answer");
			assertThat(context.getBean(Vigil.class).observes(model)).isTrue();
			assertThat(modelCalls(context.getBean(MeterRegistry.class), "none")).isEqualTo(2);
		});
	}

	@Test
	void anOpenAiChatModelIsInjectedByItsClassAndObserved() {
		this.contextRunner.withUserConfiguration(OpenAiConfiguration.class).run((context) -> {
			OpenAiChatModel model = context.getBean(OpenAiChatModel.class);
			assertThat(context.getBean(OpenAiUser.class).model()).isSameAs(model);
			assertThat(context.getBean(Vigil.class).observes(model)).isTrue();
			assertThat(model.defaultRequestParameters().modelName()).isEqualTo("gpt-4o-mini");
		});
	}

	private static long runs(MeterRegistry registry, String agent) {
		Timer timer = registry.find("gen_ai.invoke_agent.duration").tag("gen_ai.agent.name", agent).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static long modelCalls(MeterRegistry registry, String agent) {
		return registry.find("gen_ai.client.operation.duration")
			.tag("gen_ai.agent.name", agent)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private static ChatResponse answer(String text) {
		return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(3, 2)).build();
	}

	interface Greeter {

		String greet(String message);

	}

	/** The application's own kind of chat model, implemented by lambdas. */
	@FunctionalInterface
	interface FunctionalChatModel extends ChatModel {

		ChatResponse answer(ChatRequest request);

		@Override
		default ChatResponse doChat(ChatRequest request) {
			return answer(request);
		}

	}

	record FunctionalModelUser(FunctionalChatModel model) {
	}

	@Configuration(proxyBeanMethods = false)
	static class FunctionalModelConfiguration {

		@Bean
		FunctionalChatModel lambdaModel() {
			return (request) -> answer("lambda answer");
		}

		@Bean
		FunctionalModelUser functionalModelUser(FunctionalChatModel lambdaModel) {
			return new FunctionalModelUser(lambdaModel);
		}

	}

	/** What the application's lambda model was asked, in order. */
	record AskedMessages(List<String> messages) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingFunctionalModelConfiguration {

		@Bean
		AskedMessages askedMessages() {
			return new AskedMessages(new java.util.concurrent.CopyOnWriteArrayList<>());
		}

		@Bean
		FunctionalChatModel lambdaModel(AskedMessages asked) {
			return (request) -> {
				String text = ((dev.langchain4j.data.message.UserMessage) request.messages()
					.get(request.messages().size() - 1)).singleText();
				asked.messages().add(text);
				if (text.equals("boom")) {
					throw new IllegalStateException("backend down");
				}
				return answer("lambda answer to " + text);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingProviderModelConfiguration {

		@Bean
		AskedMessages askedMessages() {
			return new AskedMessages(new java.util.concurrent.CopyOnWriteArrayList<>());
		}

		@Bean
		ProviderModel providerModel(AskedMessages asked) {
			return new ProviderModel(asked);
		}

	}

	/** A model class as a provider ships it: not final. */
	static class ProviderModel implements ChatModel {

		private final AskedMessages asked;

		ProviderModel(AskedMessages asked) {
			this.asked = asked;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			String text = ((dev.langchain4j.data.message.UserMessage) request.messages()
				.get(request.messages().size() - 1)).singleText();
			this.asked.messages().add(text);
			if (text.equals("boom")) {
				throw new IllegalStateException("backend down");
			}
			return answer("provider answer to " + text);
		}

	}

	static final class FinalModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return answer("final answer");
		}

	}

	record FinalModelUser(FinalModel model) {
	}

	@Configuration(proxyBeanMethods = false)
	static class FinalModelConfiguration {

		@Bean
		FinalModel finalModel() {
			return new FinalModel();
		}

		@Bean
		FinalModelUser finalModelUser(FinalModel finalModel) {
			return new FinalModelUser(finalModel);
		}

	}

	static class ModelWithFinalMethod implements ChatModel {

		private final String name;

		ModelWithFinalMethod(String name) {
			this.name = name;
		}

		public final String name() {
			return this.name;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return answer("answer from " + this.name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalMethodConfiguration {

		@Bean
		ModelWithFinalMethod tunedModel() {
			return new ModelWithFinalMethod("tuned-model");
		}

	}

	static class NamedModel implements ChatModel {

		private final String answer;

		NamedModel(String answer) {
			this.answer = answer;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return answer(this.answer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SeveralModels {

		@Bean
		@Primary
		ChatModel primary() {
			return new NamedModel("primary answer");
		}

		@Bean
		ChatModel secondary() {
			return new NamedModel("secondary answer");
		}

	}

	record OpenAiUser(OpenAiChatModel model) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiConfiguration {

		@Bean
		OpenAiChatModel openAiChatModel() {
			return OpenAiChatModel.builder().baseUrl("http://localhost:1").apiKey("test").modelName("gpt-4o-mini")
				.build();
		}

		@Bean
		OpenAiUser openAiUser(OpenAiChatModel openAiChatModel) {
			return new OpenAiUser(openAiChatModel);
		}

	}

}
