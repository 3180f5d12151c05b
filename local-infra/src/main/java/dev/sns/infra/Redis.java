package dev.sns.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.embedded.RedisServer;

/** A private Redis: the machine's redis-server when installed, otherwise the one bundled with embedded-redis. */
final class Redis {

    private Redis() {
    }

    static Service start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            Path binary = ChildProcess.installed("redis-server");
            Service server;
            if (binary != null && !Infra.embeddedOnly()) {
                server = ChildProcess.start(List.of(binary.toString(), "--bind", "127.0.0.1", "--port",
                        String.valueOf(port), "--save", "", "--appendonly", "no", "--dir", dir.toString()),
                        dir.resolve("redis.log"));
            } else {
                RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
                server = () -> {
                    try {
                        redis.stop();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
            }
            Ports.await("Redis on port " + port, Duration.ofSeconds(20), () -> Ports.listening(port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
