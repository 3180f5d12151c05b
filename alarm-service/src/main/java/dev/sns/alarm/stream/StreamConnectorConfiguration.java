package dev.sns.alarm.stream;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's per-connection socket buffers, sized for what this service mostly holds: thousands of open alarm streams,
 * each written a few hundred bytes at a time, each opened by one small GET. Tomcat keeps an 8 KB read and an 8 KB
 * write buffer per connection for as long as it is open ({@code socket.appReadBufSize}/{@code appWriteBufSize}); at
 * 10,000 streams that alone is 160 MB of heap. 2 KB each only means more, smaller writes for a large alarm page
 * (docs/performance.md, SSE capacity).
 */
@Configuration(proxyBeanMethods = false)
class StreamConnectorConfiguration {

    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", "2048");
            connector.setProperty("socket.appWriteBufSize", "2048");
        };
    }
}
