package io.github.vigil.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.vigil.grounding.HallucinationAction;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.grounding.StaticKnowledgeBase;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The hallucination proxy: final answers checked against the knowledge base, the catalog and the run's own tool
 * results.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.hallucination")
public class HallucinationProperties {

	private static final HallucinationPolicy HALLUCINATION = HallucinationPolicy.defaults();

	/**
	 * Whether every final answer of a run is checked for unbacked URLs, prices, people and identifiers.
	 */
	private boolean enabled = HALLUCINATION.enabled();

	/**
	 * What happens to an answer with unbacked items: "flag" records them, "reprompt" asks the model once more
	 * naming them, "block" replaces the answer with the block message.
	 */
	private HallucinationAction action = HALLUCINATION.action();

	/**
	 * Answer given instead of a blocked one.
	 */
	private String blockMessage = HALLUCINATION.blockMessage();

	/**
	 * Number of flagged answers kept for review at /actuator/vigil/reviews, newest first.
	 */
	private int reviewCapacity = HALLUCINATION.reviewCapacity();

	/**
	 * Product catalog as CSV with the header sku,name,price,currency, for example classpath:catalog.csv. A
	 * catalog file on disk is read again when it changes.
	 */
	private @Nullable Resource catalog;

	private final KnowledgeBaseProperties knowledgeBase = new KnowledgeBaseProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public HallucinationAction getAction() {
		return this.action;
	}

	public void setAction(HallucinationAction action) {
		this.action = action;
	}

	public String getBlockMessage() {
		return this.blockMessage;
	}

	public void setBlockMessage(String blockMessage) {
		this.blockMessage = blockMessage;
	}

	public int getReviewCapacity() {
		return this.reviewCapacity;
	}

	public void setReviewCapacity(int reviewCapacity) {
		this.reviewCapacity = reviewCapacity;
	}

	public @Nullable Resource getCatalog() {
		return this.catalog;
	}

	public void setCatalog(@Nullable Resource catalog) {
		this.catalog = catalog;
	}

	public KnowledgeBaseProperties getKnowledgeBase() {
		return this.knowledgeBase;
	}

	HallucinationPolicy toPolicy() {
		return new HallucinationPolicy(this.enabled, this.action, this.blockMessage, this.reviewCapacity);
	}

	/**
	 * What the business knows, given in properties.
	 */
	public static class KnowledgeBaseProperties {

		/**
		 * URLs the agent may quote, exactly.
		 */
		private List<String> urls = new ArrayList<>();

		/**
		 * URL prefixes under which every URL is published, such as https://help.example.com/.
		 */
		private List<String> urlPrefixes = new ArrayList<>();

		/**
		 * Full names of people the agent may name.
		 */
		private List<String> people = new ArrayList<>();

		/**
		 * Regular expressions of identifiers the agent must not invent, such as ORD-[0-9]{5}.
		 */
		private List<String> identifierPatterns = new ArrayList<>();

		public List<String> getUrls() {
			return this.urls;
		}

		public void setUrls(List<String> urls) {
			this.urls = urls;
		}

		public List<String> getUrlPrefixes() {
			return this.urlPrefixes;
		}

		public void setUrlPrefixes(List<String> urlPrefixes) {
			this.urlPrefixes = urlPrefixes;
		}

		public List<String> getPeople() {
			return this.people;
		}

		public void setPeople(List<String> people) {
			this.people = people;
		}

		public List<String> getIdentifierPatterns() {
			return this.identifierPatterns;
		}

		public void setIdentifierPatterns(List<String> identifierPatterns) {
			this.identifierPatterns = identifierPatterns;
		}

		StaticKnowledgeBase toKnowledgeBase() {
			return new StaticKnowledgeBase(new LinkedHashSet<>(this.urls), this.urlPrefixes,
					new LinkedHashSet<>(this.people), this.identifierPatterns, List.of());
		}

	}

}
