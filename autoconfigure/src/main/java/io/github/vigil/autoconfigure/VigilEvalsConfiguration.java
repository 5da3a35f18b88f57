package io.github.vigil.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.eval.Scorer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Evals ({@code vigil.evals.*}): online scoring with the shipped scorers the properties name, the judge when it is
 * on, and the application's {@link Scorer} beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.eval.OnlineScoring")
@EnableConfigurationProperties(EvalsProperties.class)
class VigilEvalsConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilEvalsCustomizer(EvalsProperties evals, ObjectProvider<Scorer> scorers,
			ApplicationContext context) {
		return (builder) -> builder.evalPolicy(evals.toPolicy()).scorers(scorers(evals, scorers, context));
	}

	/** The shipped scorers named in the properties, the judge when it is on, and the application's scorers. */
	private static List<Scorer> scorers(EvalsProperties evals, ObjectProvider<Scorer> beans,
			ApplicationContext context) {
		List<Scorer> scorers = new ArrayList<>();
		for (String name : evals.getScorers()) {
			scorers.add(switch (name) {
				case "resolution" -> Scorer.resolution(evals.getResolution().toEscalation());
				case "tool-success" -> Scorer.toolSuccess();
				case "grounded" -> Scorer.grounded();
				case "not-killed" -> Scorer.notKilled();
				case "grounded-in-retrieval" -> Scorer.groundedInRetrieval();
				case "parsed" -> Scorer.parsed();
				default -> throw new IllegalStateException("vigil.evals.scorers names an unknown scorer '" + name
						+ "'; the shipped scorers are resolution, tool-success, grounded, not-killed, "
						+ "grounded-in-retrieval and parsed (add others as Scorer beans)");
			});
		}
		EvalsProperties.Judge judging = evals.getJudge();
		if (judging.isEnabled()) {
			String model = judgeModel(context);
			// looked up when the first run is judged: the model bean is observed by this Vigil, so it comes after it
			ChatModel judge = new ChatModel() {
				@Override
				public dev.langchain4j.model.chat.response.ChatResponse doChat(
						dev.langchain4j.model.chat.request.ChatRequest request) {
					return context.getBean(model, ChatModel.class).chat(request);
				}
			};
			scorers.add(Scorer.judge(judge, judging.getRubric(), judging.getSampleRate()));
		}
		beans.orderedStream().forEach(scorers::add);
		return scorers;
	}

	/** The chat model bean the judge grades with: {@value VigilAutoConfiguration#JUDGE_BEAN}, else the only one. */
	private static String judgeModel(ApplicationContext context) {
		List<String> models = new ArrayList<>(List.of(context.getBeanNamesForType(ChatModel.class, true, false)));
		models.remove(VigilAutoConfiguration.SUMMARIZER_BEAN);
		if (models.contains(VigilAutoConfiguration.JUDGE_BEAN)) {
			return VigilAutoConfiguration.JUDGE_BEAN;
		}
		if (models.size() == 1) {
			return models.get(0);
		}
		throw new IllegalStateException("vigil.evals.judge.enabled is true but there is no chat model to judge with: "
				+ "define a ChatModel bean named " + VigilAutoConfiguration.JUDGE_BEAN
				+ " (or have exactly one ChatModel); found " + models);
	}

}
