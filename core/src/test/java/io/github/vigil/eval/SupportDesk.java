package io.github.vigil.eval;

import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;

/** The tools of the eval specifications: an order lookup and a hand-over to a human, each counting its calls. */
final class SupportDesk {

	final AtomicInteger lookups = new AtomicInteger();

	final AtomicInteger escalations = new AtomicInteger();

	volatile boolean broken;

	@Tool("Looks up an order")
	public String lookupOrder(String id) {
		this.lookups.incrementAndGet();
		return this.broken ? "<!DOCTYPE html><title>410 Gone</title>" : "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
	}

	@Tool("Hands the user over to a human colleague")
	public String escalateToHuman(String id) {
		this.escalations.incrementAndGet();
		return "{\"ticket\":\"T-" + id + "\"}";
	}

	/** An assistant whose model calls the tool named by the message's first word ({@code none} for no tool). */
	Assistant agent(Vigil vigil) {
		return AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(this)
			.build();
	}

}
