package dev.cotangent.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry: installs {@link WeavingTransformer}, which adds the
 * derivatives of {@code @Differentiable} methods to each class as it is loaded.
 */
public final class Agent {

    private Agent() {}

    /** Called by the JVM for {@code -javaagent:cotangent-agent.jar}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new WeavingTransformer(), false);
    }

    /** Called when the agent is attached to a running JVM; classes loaded from then on are woven. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }
}
