package io.github.vigil.autoconfigure;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.vigil.Vigil;
import io.github.vigil.retrieval.Observed;
import io.github.vigil.retrieval.Retrievals;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Observes the application's {@link ContentRetriever}, {@link EmbeddingStore} and {@link EmbeddingModel} beans: a
 * retriever and a store by their bean names, a model by its model name. The bean is replaced by a proxy of its own
 * class (or, for a lambda, of every interface it implements) whose observed methods go through Vigil's decorator and
 * whose every other method reaches the bean as it is; a bean whose class cannot be proxied so is left as it is, and
 * said so.
 */
final class ObservedRetrievalPostProcessor implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ObservedRetrievalPostProcessor.class);

	private final ObjectProvider<Vigil> vigil;

	private final boolean enabled;

	ObservedRetrievalPostProcessor(ObjectProvider<Vigil> vigil, boolean enabled) {
		this.vigil = vigil;
		this.enabled = enabled;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!this.enabled || Retrievals.isObserved(bean) || !(bean instanceof ContentRetriever
				|| bean instanceof EmbeddingStore || bean instanceof EmbeddingModel)) {
			return bean;
		}
		Vigil current = this.vigil.getIfAvailable();
		if (current == null) {
			return bean;
		}
		Class<?> type = bean.getClass();
		boolean lambda = type.isSynthetic() || type.isHidden();
		String obstacle = lambda ? null : ObservedModelsPostProcessor.obstacle(type);
		if (obstacle != null) {
			logger.info("Vigil leaves the bean '{}' ({}) as it is: {}. Wrap it with Vigil.observe(...) where it is "
					+ "made to observe it", beanName, type.getName(), obstacle);
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(!lambda);
		factory.addInterface(Observed.class);
		factory.addAdvice(new Routing(bean, current, beanName));
		return factory.getProxy(type.getClassLoader());
	}

	/** Sends the observed methods to Vigil's decorator of the bean, every other method to the bean. */
	private static final class Routing implements MethodInterceptor {

		private final @Nullable ContentRetriever retriever;

		private final @Nullable EmbeddingStore<?> store;

		private final @Nullable EmbeddingModel model;

		private final Map<Method, Route> routes = new ConcurrentHashMap<>();

		private static final Route PROCEED = new Route(new Object(), Object.class.getMethods()[0]);

		Routing(Object bean, Vigil vigil, String beanName) {
			this.retriever = (bean instanceof ContentRetriever retriever) ? vigil.observe(retriever, beanName) : null;
			this.store = (bean instanceof EmbeddingStore<?> store) ? vigil.observe(store, beanName) : null;
			this.model = (bean instanceof EmbeddingModel model) ? vigil.observe(model) : null;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Route route = this.routes.computeIfAbsent(invocation.getMethod(), this::route);
			if (route == PROCEED) {
				return invocation.proceed();
			}
			return AopUtils.invokeJoinpointUsingReflection(route.target(), route.method(), invocation.getArguments());
		}

		private Route route(Method method) {
			String name = method.getName();
			boolean listeners = name.startsWith("addListener");
			if (this.retriever != null && (name.equals("retrieve") || listeners)) {
				return route(this.retriever, ContentRetriever.class, method);
			}
			if (this.store != null && (name.equals("search") || listeners)) {
				return route(this.store, EmbeddingStore.class, method);
			}
			if (this.model != null && (name.equals("embed") || name.equals("embedAll") || listeners)) {
				return route(this.model, EmbeddingModel.class, method);
			}
			return PROCEED;
		}

		/** The interface's method the decorator implements, or the bean's own when the interface has none such. */
		private static Route route(Object decorator, Class<?> type, Method method) {
			try {
				return new Route(decorator, type.getMethod(method.getName(), method.getParameterTypes()));
			}
			catch (NoSuchMethodException ex) {
				return PROCEED;
			}
		}

	}

	private record Route(Object target, Method method) {
	}

}
