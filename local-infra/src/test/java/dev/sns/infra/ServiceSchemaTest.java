package dev.sns.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServiceSchemaTest {

    @Test
    void theSharedTemplateCreatesExactlyTheseSchemasAndUsersWithTheLocalPasswords() {
        String statements = ServiceSchema.createStatements();
        assertThat(statements).doesNotContain("${").doesNotContain("--");
        long databases = statements.lines().filter(line -> line.startsWith("CREATE DATABASE")).count();
        assertThat(databases).isEqualTo(ServiceSchema.values().length);
        for (ServiceSchema schema : ServiceSchema.values()) {
            assertThat(ServiceSchema.template())
                    .contains("CREATE DATABASE IF NOT EXISTS " + schema.schema() + " ")
                    .contains("CREATE USER IF NOT EXISTS '" + schema.user() + "'@'%' IDENTIFIED BY '${"
                            + schema.passwordVariable() + "}';")
                    .contains("GRANT ALL PRIVILEGES ON " + schema.schema() + ".* TO '" + schema.user() + "'@'%';");
            assertThat(statements).contains("IDENTIFIED BY '" + schema.localPassword() + "';");
        }
        assertThat(Arrays.stream(ServiceSchema.values()).map(ServiceSchema::passwordVariable).distinct()).hasSize(3);
    }
}
