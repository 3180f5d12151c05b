package dev.sns.infra.suite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one process of the suite in the background, where later commands find it: its port file first (so that a
 * concurrent start does not take the same port), its log in {@code logs/<name>.log} (the last run's kept as
 * {@code <name>.previous.log}: what a restarted instance did before it stopped), its pid file once it runs. It runs in
 * a session of its own ({@code setsid}): it outlives this command, and stopping its group stops its children too.
 */
final class Launcher {

    private final SuiteEnv env;
    private final RunDir run;

    Launcher(SuiteEnv env) {
        this.env = env;
        this.run = env.run();
    }

    /** Starts {@code name} from {@code module}'s jar on {@code port} ({@code SNS_PORT}), with program arguments. */
    void launch(String name, int port, String module, List<String> arguments) throws IOException {
        Files.createDirectories(env.logs());
        run.writePort(name, port);
        Path log = env.logs().resolve(name + ".log");
        if (Files.isRegularFile(log) && Files.size(log) > 0) {
            Files.move(log, env.logs().resolve(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("setsid", "nohup", SuiteEnv.java()));
        command.addAll(javaArguments(name, module));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(env.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
        builder.environment().put("SNS_PORT", String.valueOf(port));
        builder.environment().put("SPRING_PROFILES_ACTIVE", env.get("SPRING_PROFILES_ACTIVE", "local"));
        if (module.equals("local-infra")) {
            builder.environment().put("SNS_INFRA_DIR", env.home().resolve("infra").toString());
        }
        run.writePid(name, builder.start().pid());
    }

    /**
     * The JVM flags ({@code SNS_JAVA_OPTS}) and jar: the extracted jar with its AOT cache (which takes the place of
     * the default CDS archive, hence no {@code -Xshare:auto}) where one is current, logging in
     * {@code logs/aot/<name>.log}
     * whether the JVM used it (the bench reports that); the exec jar otherwise.
     */
    List<String> javaArguments(String name, String module) throws IOException {
        List<String> options = new ArrayList<>(env.javaOptions());
        Path aotLog = env.logs().resolve("aot").resolve(name + ".log");
        Aot aot = new Aot(env.jar(module));
        if (!module.equals("local-infra") && Aot.enabled(env) && aot.ready()) {
            options.removeIf("-Xshare:auto"::equals);
            Files.createDirectories(aotLog.getParent());
            options.addAll(List.of("-XX:AOTCache=" + aot.cache(), "-Xlog:aot=info:file=" + aotLog + "::filecount=0",
                    "-jar", aot.jar().toString()));
        } else {
            Files.deleteIfExists(aotLog);
            options.addAll(List.of("-jar", env.jar(module).toString()));
        }
        return options;
    }
}
