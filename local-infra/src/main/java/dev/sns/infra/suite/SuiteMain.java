package dev.sns.infra.suite;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The process supervision of {@code ./sns}, one command per run: {@code status}, {@code down}, {@code stop <name>},
 * {@code start <name>}, {@code logs <name> [follow]}, {@code scale <service> <n>}, {@code restart <service>}, and the
 * phases of {@code up} ({@code up-infra}, {@code up-discovery}, {@code up-services}: the script trains the AOT caches
 * between them). The bash script keeps the commands users type and what bash does best (the build, the suite
 * profiles, the AOT training, Maven runs); what needs pids, signals, HTTP and waiting lives here, where it can be read
 * and unit-tested. Only the JDK: {@code ./sns} compiles this package from its sources. Everything comes from the
 * environment {@code ./sns} passes ({@link SuiteEnv}); the state is the {@code $SNS_HOME/run} folder ({@link RunDir}),
 * so each command is a short JVM that starts from the files.
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
            case "up-infra" -> new Up(env).infra();
            case "up-discovery" -> new Up(env).discovery();
            case "up-services" -> new Up(env).services(out);
            case "start" -> new Starter(env).startCommand(name);
            case "scale" -> new Scaler(env).scale(name, args.length > 2 ? args[2] : null);
            case "restart" -> new RollingRestart(env).restart(name);
            case "status" -> supervisor.status(out);
            case "down" -> supervisor.down();
            case "stop" -> supervisor.stopCommand(name);
            case "logs" -> {
                return supervisor.logs(name, args.length > 2 && args[2].equals("follow"));
            }
            default -> throw new SuiteException("unknown command " + Arrays.toString(args));
        }
        return 0;
    }
}
