package dev.sns.e2e;

import dev.sns.testsupport.checks.AttackChecks;

/** The attack checks of test-support against the suite of ./sns test (chaos-tests runs them against its own). */
class AttackE2ETest extends AttackChecks {
}
