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

    /** A default method reached through a sub-interface. */
    interface Curve {
        default double at(double x) {
            return x * x * x;
        }
    }

    interface Named extends Curve {}

    static final class Implementation implements Named {}

    /** A lambda in a static final field. */
    interface Kernel {
        double k(double a, double b);
    }

    static final Kernel KERNEL = (a, b) -> a * Math.sin(b);

    @Differentiable
    static double dispatched(double x) {
        Curve c = new Implementation();
        double s = x * 0.5;
        Kernel local = (a, b) -> s * a + b;
        return c.at(x) + KERNEL.k(x, x) + local.k(x, 2);
    }

    public static void main(String[] args) {
        for (Method m : AgentMain.class.getDeclaredMethods()) {
            if (m.getName().startsWith("cotangent$tangent$")) {
                System.out.println("woven: " + m.getName());
            }
        }
        System.out.println("derivative: " + AD.derivative(AgentMain::model, Math.sqrt(2)) * 1.0);
        double x = 0.7;
        double h = 1e-6;
        double numeric = (dispatched(x + h) - dispatched(x - h)) / (2 * h);
        var f = AD.function(AgentMain.class, "dispatched", double.class);
        System.out.println("dispatched: " + f.jvp(new Object[] {x}, new Object[] {1.0}) + " " + f.gradient(x)[0] + " "
                + numeric);
    }
}
