package dev.sns.chaos;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Classes run in the order of their {@link Order}; the bad-input and attack checks (BadInputChaosTest, AttackChaosTest), which carry none, run
 * first (order 0), while the suite is fresh, then the fault scenarios.
 */
public class ScenarioOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(ScenarioOrder::order));
    }

    private static int order(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(Order.class).map(Order::value).orElse(0);
    }
}
