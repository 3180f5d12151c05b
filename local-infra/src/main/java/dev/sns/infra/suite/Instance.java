package dev.sns.infra.suite;

import java.util.Optional;

/** Names of the suite's processes: {@code <service>-<n>} for the services' instances, fixed names for the rest. */
final class Instance {

    private Instance() {
    }

    /** The service of an instance name ({@code post-service-2} -> {@code post-service}), empty for other processes. */
    static Optional<String> serviceOf(String name) {
        int dash = name.lastIndexOf('-');
        if (dash < 0 || !name.substring(dash + 1).matches("[0-9]+")) {
            return Optional.empty();
        }
        String service = name.substring(0, dash);
        return service.endsWith("-service") ? Optional.of(service) : Optional.empty();
    }
}
