package dev.cotangent.agent;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a JVM with {@code -javaagent:target/cotangent-agent.jar}: classes are woven as they
 * load, the derivative methods are there, and AD uses them.
 */
class AgentIT {

    @Test
    void theAgentWeavesAtLoadTime() throws Exception {
        String agentJar = System.getProperty("cotangent.agentJar");
        assertThat(new File(agentJar)).exists();
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                "-javaagent:" + agentJar, "-cp", System.getProperty("java.class.path")));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add(AgentMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("woven: cotangent$tangent$model").contains("derivative: 6.0");
        assertThat(output).contains("cotangent: AgentMain.java:");
        assertThat(output).contains("woven: cotangent$tangent$dispatched");
        // Interface default, static final lambda and a lambda made in the method, under the agent:
        // the JVP and the gradient against central differences of the primal, computed in that JVM.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dispatched: (\\S+) (\\S+) (\\S+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        double numeric = Double.parseDouble(m.group(3));
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.exitValue()).as(output).isZero();
    }
}
