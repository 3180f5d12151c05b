package dev.sns.e2e;

import dev.sns.testsupport.checks.BadInputChecks;

/** The bad-input checks of test-support against the suite of ./sns test (chaos-tests runs them against its own). */
class BadInputE2ETest extends BadInputChecks {
}
