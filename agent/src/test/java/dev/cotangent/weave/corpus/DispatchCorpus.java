package dev.cotangent.weave.corpus;

import dev.cotangent.Differentiable;
import dev.cotangent.weave.corpus.Hierarchy.Base;
import dev.cotangent.weave.corpus.Hierarchy.BothDefaults;
import dev.cotangent.weave.corpus.Hierarchy.Curve;
import dev.cotangent.weave.corpus.Hierarchy.Derived;
import dev.cotangent.weave.corpus.Hierarchy.Exponentials;
import dev.cotangent.weave.corpus.Hierarchy.Integrator;
import dev.cotangent.weave.corpus.Hierarchy.LogCosh;
import dev.cotangent.weave.corpus.Hierarchy.Loss;
import dev.cotangent.weave.corpus.Hierarchy.Parabola;
import dev.cotangent.weave.corpus.Hierarchy.Sine;
import dev.cotangent.weave.corpus.Hierarchy.SquaredError;
import dev.cotangent.weave.corpus.Hierarchy.SteeperParabola;
import dev.cotangent.weave.corpus.Hierarchy.Squares;
import dev.cotangent.weave.corpus.Hierarchy.ThroughSubInterface;

/**
 * Virtual and interface calls inside differentiated code: each derivative must be that of the
 * implementation the receiver runs, as the primal's value is (see {@link Hierarchy}).
 */
public final class DispatchCorpus {

    private DispatchCorpus() {}

    /** Default methods: inherited through a sub-interface, the most specific of two, re-abstracted. */
    @Differentiable
    public static double defaults(double x) {
        Curve[] curves = {new ThroughSubInterface(), new BothDefaults(), new Sine(), new Parabola(),
                new SteeperParabola()};
        double s = 0;
        for (int i = 0; i < curves.length; i++) {
            s += (i + 1) * curves[i].at(x);
        }
        return s;
    }

    /** The template method's base code with each subclass's step. */
    @Differentiable
    public static double templateMethod(double x, int n) {
        Integrator[] parts = {new Squares(), new Exponentials()};
        return parts[0].integrate(x, n) + 2 * parts[1].integrate(x, n);
    }

    /** Private, final and static methods do not dispatch; overrides do. */
    @Differentiable
    public static double privateFinalStatic(double x) {
        Base base = new Base();
        Base derived = new Derived();
        return base.value(x) + 0.5 * derived.value(x) + derived.fixed(x);
    }

    /** Only calls that do not dispatch (a final method, a final class's): second derivatives inline them. */
    @Differentiable
    public static double finalMethods(double x) {
        Hierarchy.Derived d = new Hierarchy.Derived();
        return d.fixed(x) * new Hierarchy.Sine().at(x);
    }

    /** The receiver comes in: whatever implementation it is, even one loaded later. */
    @Differentiable
    public static double along(Curve c, double x) {
        return c.at(x) * c.at(2 * x) + x;
    }

    /** Arrays passed through interface calls, written by the implementations. */
    @Differentiable
    public static double arraysThroughInterfaces(double[] w) {
        Loss[] losses = {new SquaredError(), new LogCosh()};
        double s = 0;
        for (Loss loss : losses) {
            double[] scratch = new double[w.length];
            s += loss.of(w, scratch) + scratch[0] * w[1];
        }
        return s;
    }
}
