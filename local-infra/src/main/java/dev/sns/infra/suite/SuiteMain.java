package dev.sns.infra.suite;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The process supervision of {@code ./sns}, one command per run: {@code status}, {@code down}, {@code stop <name>},
 * {@code start <name>}, {@code logs <name> [follow]}, and the steps of the commands still in bash ({@code launch
 * <name> <port> <module> [args]}, {@code start-infra <db|redis|kafka>}, {@code start-instance <service> <n>},
 * {@code start-gateway}, {@code stop-quietly <name>}). The bash script keeps the commands users type (and what bash does best: the build,
 * the suite profiles, Maven runs); what needs pids, signals, HTTP and waiting lives here, where it can be read and
 * unit-tested. Everything comes from the environment {@code ./sns} exports ({@link SuiteEnv}); the state is the
 * {@code $SNS_HOME/run} folder ({@link RunDir}), so each command is a short JVM that starts from the files.
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
        Starter starter = new Starter(env);
        switch (command) {
            case "start" -> starter.startCommand(name);
            case "start-infra" -> starter.startInfra(name);
            case "start-instance" -> starter.startInstance(name, Integer.parseInt(args[2]));
            case "start-gateway" -> starter.startGateway();
            case "launch" -> new Launcher(env).launch(name, Integer.parseInt(args[2]), args[3],
                    Arrays.asList(args).subList(4, args.length));
            case "status" -> supervisor.status(out);
            case "down" -> supervisor.down();
            case "stop" -> supervisor.stopCommand(name);
            case "stop-quietly" -> supervisor.stop(name);
            case "logs" -> {
                return supervisor.logs(name, args.length > 2 && args[2].equals("follow"));
            }
            default -> throw new SuiteException("unknown command " + Arrays.toString(args));
        }
        return 0;
    }
}
