package dev.sns.infra.suite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process supervision of {@code ./sns}, one command per run: {@code up}, {@code status}, {@code down},
 * {@code stop <name>}, {@code start <name>}, {@code logs <name> [follow]}, {@code scale <service> <n>},
 * {@code restart <service>}, {@code replay-dlt}, {@code stale} and {@code built} (whether a build is due), and for
 * the suites of chaos and bench {@code chaos-report <log> <status> <seconds>} and {@code train-caches}. The bash
 * script keeps the commands users type and what bash does best (the JDK, the build, the suite profiles, Maven runs);
 * what needs pids, signals, HTTP, AOT training and waiting lives here, where it can be read and unit-tested. Only the
 * JDK: {@code ./sns} compiles this package from its sources. Everything comes from the environment {@code ./sns}
 * passes ({@link SuiteEnv}); the state is the {@code $SNS_HOME/run} folder ({@link RunDir}), so each command is a
 * short JVM that starts from the files.
 */
public final class SuiteMain {

    private SuiteMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (SuiteException e) {
            Say.say("error: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            Say.say("error: " + e);
            System.exit(1);
        }
    }

    static int run(String[] args, PrintStream out) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String name = args.length > 1 ? args[1] : null;
        SuiteEnv env = SuiteEnv.of(System.getenv());
        Supervisor supervisor = new Supervisor(env);
        switch (command) {
            case "stale" -> {
                return new Build(env).stale() ? 0 : 1;
            }
            case "built" -> new Build(env).built();
            case "up" -> new Up(env).up(out, false);
            case "train-caches" -> new Up(env).trainCaches();
            case "start" -> new Starter(env).startCommand(name);
            case "scale" -> new Scaler(env).scale(name, args.length > 2 ? args[2] : null);
            case "restart" -> new RollingRestart(env).restart(name);
            case "status" -> supervisor.status(out);
            case "down" -> supervisor.down();
            case "replay-dlt" -> supervisor.replayDeadLetters(out);
            case "chaos-report" -> ChaosReport.print(Path.of(name), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    out);
            case "stop" -> supervisor.stopCommand(name);
            case "logs" -> {
                return supervisor.logs(name, args.length > 2 && args[2].equals("follow"));
            }
            default -> throw new SuiteException("unknown command " + Arrays.toString(args));
        }
        return 0;
    }
}
