package dev.cotangent.agent;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;

import java.lang.reflect.Method;

/** Run by {@link AgentIT} under the agent. */
public final class AgentMain {

    private static double field;

    private AgentMain() {}

    @Differentiable
    static double model(double x) {
        return x * x * x;
    }

    @Differentiable
    static double broken(double x) {
        field = x;
        return field;
    }

    public static void main(String[] args) {
        for (Method m : AgentMain.class.getDeclaredMethods()) {
            if (m.getName().startsWith("cotangent$tangent$")) {
                System.out.println("woven: " + m.getName());
            }
        }
        System.out.println("derivative: " + AD.derivative(AgentMain::model, Math.sqrt(2)) * 1.0);
    }
}
