package io.github.vigil.autoconfigure;

import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.RunStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The run store and triage ({@code vigil.store.*}, {@code vigil.triage.*}): the store (in memory, or the JDBC store
 * of {@link VigilRunStoreConfiguration}, or the application's {@link RunStore} bean), replay of the AI services'
 * beans, the triage path alerts link to, and each run's trace id when tracing is on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.store.RunRecorder")
@EnableConfigurationProperties({ StoreProperties.class, TriageProperties.class })
@Import(VigilRunStoreConfiguration.class)
class VigilStoreConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilStoreCustomizer(StoreProperties store, TriageProperties triage,
			ObjectProvider<RunStore> runStore,
			Environment environment, ApplicationContext context) {
		return (builder) -> {
			builder.storePolicy(store.toPolicy())
				.replayPolicy(new ReplayPolicy(triage.getReplay().isEnabled(), triage.getReplay().getTools()))
				.replayServices((type) -> context.getBeanProvider(type).getIfUnique())
				.triagePath(VigilAutoConfiguration.endpointPath(environment) + "/tools/{tool}");
			runStore.ifAvailable(builder::runStore);
			if (ClassUtils.isPresent(RunTraceIds.TRACING_CONTEXT, VigilStoreConfiguration.class.getClassLoader())) {
				builder.traceIds(RunTraceIds::of);
			}
		};
	}

}
