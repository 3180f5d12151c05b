package dev.sns.chaos;

import dev.sns.testsupport.checks.AttackChecks;

/**
 * The attack checks of test-support (which e2e-tests runs too) against the chaos suite: no {@code @Order}, so
 * {@link ScenarioOrder} runs them first, while the suite is fresh.
 */
class AttackChaosTest extends AttackChecks {
}
