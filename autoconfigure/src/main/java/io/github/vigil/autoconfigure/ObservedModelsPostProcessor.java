package io.github.vigil.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.internal.ObservedModel;
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
 * Observes every {@link ChatModel} and {@link StreamingChatModel} bean, where that can be done without changing
 * the bean for the code that uses it. The bean is replaced by a proxy of its own class, so it is still injected by
 * its concrete type (an {@code OpenAiChatModel} stays one), and its {@code chat} methods go through Vigil's
 * decorator, which calls the bean's own method of the same signature.
 * <p>
 * A bean whose class is {@code final}, or has {@code final} public methods (which a class proxy would run on the
 * empty proxy instance), stays as it is: one INFO line says so, and its calls inside AI services are still
 * observed, by this application's Vigil, to which the bean is attached. A lambda, which nothing can inject by its
 * class, is replaced by a proxy of every interface it implements (the application's own sub-interface of
 * {@code ChatModel} too), routed the same way.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ObservedModelsPostProcessor implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ObservedModelsPostProcessor.class);

	private final ObjectProvider<Vigil> vigil;

	ObservedModelsPostProcessor(ObjectProvider<Vigil> vigil) {
		this.vigil = vigil;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ObservedModel || !(bean instanceof ChatModel || bean instanceof StreamingChatModel)
				|| VigilAutoConfiguration.SUMMARIZER_BEAN.equals(beanName)) {
			return bean;
		}
		Vigil current = this.vigil.getIfAvailable();
		if (current == null) {
			return bean;
		}
		Class<?> type = bean.getClass();
		if (type.isSynthetic() || type.isHidden()) {
			// a lambda: nothing injects it by its class, but by any interface it implements, the application's own
			// sub-interface of ChatModel too, so the proxy implements every one of them
			ProxyFactory factory = new ProxyFactory(bean);
			factory.addInterface(ObservedModel.class);
			factory.addAdvice(observing(current, bean));
			return factory.getProxy(type.getClassLoader());
		}
		String obstacle = obstacle(type);
		if (obstacle != null) {
			logger.info("Vigil leaves the chat model bean '{}' ({}) as it is: {}. Its calls inside AI services are "
					+ "still observed; calls made on it directly are not", beanName, type.getName(), obstacle);
			current.attach(bean);
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(true);
		factory.addInterface(ObservedModel.class);
		factory.addAdvice(observing(current, bean));
		return factory.getProxy(type.getClassLoader());
	}

	private static Observing observing(Vigil vigil, Object bean) {
		return new Observing((bean instanceof ChatModel model) ? vigil.observe(model) : null,
				(bean instanceof StreamingChatModel model) ? vigil.observe(model) : null);
	}

	/**
	 * Why a proxy of the bean's class would not behave like the bean.
	 * @return the reason, or {@code null} when it would
	 */
	static @Nullable String obstacle(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers())) {
			return "its class is final";
		}
		for (Method method : type.getMethods()) {
			if (Modifier.isFinal(method.getModifiers()) && method.getDeclaringClass() != Object.class) {
				return "its method " + method.getName() + " is final";
			}
		}
		return null;
	}

	private static final class Observing implements MethodInterceptor {

		/** Marks a method of the bean that Vigil does not observe. */
		private static final Method PROCEED;

		/** {@link ChatModel#chat(ChatRequest)}. */
		private static final Method CHAT;

		static {
			try {
				PROCEED = Object.class.getMethod("hashCode");
				CHAT = ChatModel.class.getMethod("chat", ChatRequest.class);
			}
			catch (NoSuchMethodException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final @Nullable ChatModel chatModel;

		private final @Nullable StreamingChatModel streamingChatModel;

		private final Object decorator;

		/** The decorator's method for each method of the bean called so far, or {@link #PROCEED}. */
		private final Map<Method, Method> routes = new ConcurrentHashMap<>();

		Observing(@Nullable ChatModel chatModel, @Nullable StreamingChatModel streamingChatModel) {
			this.chatModel = chatModel;
			this.streamingChatModel = streamingChatModel;
			this.decorator = (chatModel != null) ? chatModel : streamingChatModel;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Method method = invocation.getMethod();
			Method route = this.routes.get(method);
			if (route == null) {
				route = this.routes.computeIfAbsent(method, this::route);
			}
			if (route == PROCEED) {
				return invocation.proceed();
			}
			if (route.getDeclaringClass() == ObservedModel.class) {
				return ((ObservedModel) this.decorator).pipeline();
			}
			if (route == CHAT && this.chatModel != null) {
				// the call every AI service makes, without reflection
				return this.chatModel.chat((ChatRequest) invocation.getArguments()[0]);
			}
			Object target = (route.getDeclaringClass() == ChatModel.class) ? this.chatModel : this.streamingChatModel;
			return AopUtils.invokeJoinpointUsingReflection(target, route, invocation.getArguments());
		}

		private Method route(Method method) {
			if (method.getDeclaringClass() == ObservedModel.class) {
				return method;
			}
			if ("chat".equals(method.getName())) {
				Method observed = (this.chatModel != null) ? find(ChatModel.class, method) : null;
				if (observed != null) {
					return CHAT.equals(observed) ? CHAT : observed;
				}
				observed = (this.streamingChatModel != null) ? find(StreamingChatModel.class, method) : null;
				if (observed != null) {
					return observed;
				}
			}
			return PROCEED;
		}

		private static @Nullable Method find(Class<?> type, Method method) {
			try {
				return type.getMethod(method.getName(), method.getParameterTypes());
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
		}

	}

}
