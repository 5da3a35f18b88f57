package io.github.vigil.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.model.ObservedModel;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Observes every {@link ChatModel} and {@link StreamingChatModel} bean. The bean is replaced by a proxy of its own
 * class, so it can still be injected by its concrete type (an {@code OpenAiChatModel} stays one), whose
 * {@code chat} methods go through Vigil's decorator.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ObservedModelsPostProcessor implements BeanPostProcessor {

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
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
		factory.addInterface(ObservedModel.class);
		factory.addAdvice(new Observing(current, (bean instanceof ChatModel model) ? current.observe(model) : null,
				(bean instanceof StreamingChatModel model) ? current.observe(model) : null));
		return factory.getProxy(bean.getClass().getClassLoader());
	}

	private static final class Observing implements MethodInterceptor {

		private final Vigil vigil;

		private final @Nullable ChatModel chatModel;

		private final @Nullable StreamingChatModel streamingChatModel;

		Observing(Vigil vigil, @Nullable ChatModel chatModel, @Nullable StreamingChatModel streamingChatModel) {
			this.vigil = vigil;
			this.chatModel = chatModel;
			this.streamingChatModel = streamingChatModel;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Method method = invocation.getMethod();
			if (method.getDeclaringClass() == ObservedModel.class) {
				return this.vigil;
			}
			if ("chat".equals(method.getName())) {
				Object[] arguments = invocation.getArguments();
				Method observed = find(ChatModel.class, method);
				if (this.chatModel != null && observed != null) {
					return AopUtils.invokeJoinpointUsingReflection(this.chatModel, observed, arguments);
				}
				observed = find(StreamingChatModel.class, method);
				if (this.streamingChatModel != null && observed != null) {
					return AopUtils.invokeJoinpointUsingReflection(this.streamingChatModel, observed, arguments);
				}
			}
			return invocation.proceed();
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
