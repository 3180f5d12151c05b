package dev.sns.post.support;

import dev.sns.infra.TestInfra;

/** The JVM's Redis (from TestInfra) behind a {@link TcpProxy}, so that a test can take it away and bring it back. */
public final class TestRedis {

    private static TcpProxy proxy;

    private TestRedis() {
    }

    public static synchronized int port() {
        if (proxy == null) {
            proxy = new TcpProxy();
            start();
        }
        return proxy.port();
    }

    public static synchronized void stop() {
        proxy.stop();
    }

    public static synchronized void start() {
        proxy.start(TestInfra.endpoints().redisPort());
    }
}
