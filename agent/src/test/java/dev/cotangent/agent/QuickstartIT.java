package dev.cotangent.agent;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quickstart works when pasted: its Java block, saved as {@code Quickstart.java},
 * runs with the source launcher and {@code cotangent-agent.jar} on the class path (derivatives
 * made at run time, no agent flag), and prints what the README says it prints.
 */
class QuickstartIT {

    @Test
    void theReadmeQuickstartRunsAndPrintsWhatTheReadmeShows(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        // The section's java block, the command block ending with the java line, and the output block.
        Matcher quickstart = Pattern.compile("## Quickstart.*?```java\\n(.*?)```"
                + ".*?```\\n(?:[^\\n]*\\n)*?(java [^\\n]*)\\n```\\n\\n```\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(quickstart.find()).as("the README has a quickstart: java block, run command, output").isTrue();
        Files.writeString(dir.resolve("Quickstart.java"), quickstart.group(1));
        assertThat(quickstart.group(2)).isEqualTo("java -cp agent/target/cotangent-agent.jar Quickstart.java");

        String agentJar = System.getProperty("cotangent.agentJar");
        assertThat(new File(agentJar)).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", new File(agentJar).getAbsolutePath(), "Quickstart.java"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(quickstart.group(3).strip());
    }
}
