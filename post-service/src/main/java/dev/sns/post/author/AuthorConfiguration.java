package dev.sns.post.author;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = UserClient.class)
@EnableConfigurationProperties(AuthorProperties.class)
class AuthorConfiguration {
}
