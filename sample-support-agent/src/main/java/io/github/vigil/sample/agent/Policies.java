package io.github.vigil.sample.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.router.QueryRouter;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;

/**
 * The shop's policies (returns, shipping, warranty...): two dozen short documents shipped with the application,
 * embedded at start-up with an in-process model into an in-memory store, behind the {@code policies} retriever the
 * support agent asks for policy questions. {@link #removeAll()} and {@link #index()} are what a re-index does: the
 * demo's second incident empties the collection for a while.
 */
public final class Policies {

	/** Words of a policy question; a question about one order (it names an order id) is not one. */
	private static final Pattern POLICY = Pattern.compile(
			"\\b(policy|policies|return|returns|exchange|warranty|shipping|deliver|delivery|gift cards?|price match|"
					+ "refunds? take|damaged|lost|discount|loyalty|privacy)\\b");

	private static final Pattern ORDER_ID = Pattern.compile("ORD-\\d{5}");

	private final EmbeddingStore<TextSegment> store;

	private final EmbeddingModel model;

	public Policies(EmbeddingStore<TextSegment> store, EmbeddingModel model) {
		this.store = store;
		this.model = model;
	}

	/** Embeds every policy document into the store. */
	public void index() {
		EmbeddingStoreIngestor.builder().embeddingModel(this.model).embeddingStore(this.store).build()
			.ingest(documents());
	}

	/** Empties the store, as a re-index does before it writes. */
	public void removeAll() {
		this.store.removeAll();
	}

	/**
	 * Returns the shipped policy documents, each with its file name.
	 * @return the documents
	 */
	public static List<Document> documents() {
		String text;
		try (InputStream in = Policies.class.getResourceAsStream("/policies/policies.md")) {
			if (in == null) {
				throw new IllegalStateException("the policies are missing from the class path");
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Document> documents = new ArrayList<>();
		for (String section : text.split("(?m)^# ")) {
			int newline = section.indexOf('\n');
			if (section.isBlank() || newline < 0) {
				continue;
			}
			documents.add(Document.from(section.substring(newline + 1).strip(),
					Metadata.from("file_name", section.substring(0, newline).strip())));
		}
		return documents;
	}

	/**
	 * Sends policy questions, and only those, to the policies retriever: a question about an order is the orders
	 * tools' to answer.
	 * @param policies the retriever
	 * @return the router
	 */
	public static QueryRouter questionsTo(ContentRetriever policies) {
		return (Query query) -> isPolicyQuestion(query.text()) ? List.of(policies) : List.of();
	}

	/**
	 * Tells whether a question is about the shop's policies rather than one order.
	 * @param question the question
	 * @return whether it is
	 */
	public static boolean isPolicyQuestion(String question) {
		return !ORDER_ID.matcher(question).find() && POLICY.matcher(question.toLowerCase(Locale.ROOT)).find();
	}

}
