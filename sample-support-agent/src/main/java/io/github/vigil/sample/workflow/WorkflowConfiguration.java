package io.github.vigil.sample.workflow;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.agentic.scope.AgenticScope;
import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.sample.agent.AgentConfiguration;
import io.github.vigil.sample.agent.OrderTools;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two-agent path, built with plain {@code AgenticServices}: triage, then the orders agent or the refunds agent.
 * Vigil observes it with no code here (the starter and {@code vigil-agentic}): each request is one run with the
 * agents nested in it.
 */
@Configuration(proxyBeanMethods = false)
public class WorkflowConfiguration {

	@Bean
	TriageAgent triageAgent(ChatModel chatModel) {
		return AgenticServices.agentBuilder(TriageAgent.class).chatModel(chatModel).build();
	}

	@Bean
	OrdersAgent ordersAgent(ChatModel chatModel, OrderTools tools,
			@Value("${support.agent.prompt:current}") String prompt) {
		String system = AgentConfiguration.prompt(prompt);
		return AgenticServices.agentBuilder(OrdersAgent.class)
			.chatModel(chatModel)
			.systemMessageProvider((id) -> system)
			.tools(tools)
			.build();
	}

	@Bean
	RefundsAgent refundsAgent(ChatModel chatModel, OrderTools tools,
			@Value("${support.agent.prompt:current}") String prompt) {
		String system = AgentConfiguration.prompt(prompt);
		return AgenticServices.agentBuilder(RefundsAgent.class)
			.chatModel(chatModel)
			.systemMessageProvider((id) -> system)
			.tools(tools)
			.build();
	}

	@Bean
	UntypedAgent supportWorkflow(TriageAgent triage, OrdersAgent orders, RefundsAgent refunds) {
		UntypedAgent route = AgenticServices.conditionalBuilder()
			.subAgents((AgenticScope scope) -> isRefund(scope), refunds)
			.subAgents((AgenticScope scope) -> !isRefund(scope), orders)
			.build();
		return AgenticServices.sequenceBuilder()
			.name("support-workflow")
			.subAgents(triage, route)
			.outputKey("reply")
			.build();
	}

	private static boolean isRefund(AgenticScope scope) {
		return String.valueOf(scope.readState("category", "")).strip().toUpperCase().startsWith("REFUND");
	}

}
