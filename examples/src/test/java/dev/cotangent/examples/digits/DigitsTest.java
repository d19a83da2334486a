package dev.cotangent.examples.digits;

import dev.cotangent.AD;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DigitsTest {

    @Test
    void theDataAreAll1797ImagesOfTenDigits() {
        Digits.Batch all = Digits.load();
        assertThat(all.size()).isEqualTo(1797);
        assertThat(all.images()[0]).hasSize(Digits.PIXELS);
        assertThat(Arrays.stream(all.labels()).distinct().count()).isEqualTo(10);
        assertThat(Arrays.stream(all.images()).flatMapToDouble(Arrays::stream).max().orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void wovenGradientOfTheLossMatchesFiniteDifferences() {
        Digits.Batch batch = Digits.load().slice(0, 5);
        Random random = new Random(3);
        Object[] args = {Digits.gaussian(4, Digits.PIXELS, 0.3, random), new double[] {0.1, -0.2, 0.3, 0},
            Digits.gaussian(Digits.CLASSES, 4, 0.5, random), new double[Digits.CLASSES], batch.images(),
            batch.labels()};
        Object[] gradient = AD.function(Digits.class, "loss", double[][].class, double[].class, double[][].class,
                double[].class, double[][].class, int[].class).gradient(args);

        Object[] direction = GradCheck.randomLike(Arrays.copyOf(args, 4), new SplittableRandom(4));
        Object[] tangents = Arrays.copyOf(direction, args.length);
        double numeric = (Double) GradCheck.numericJvp(a -> Digits.loss((double[][]) a[0], (double[]) a[1],
                (double[][]) a[2], (double[]) a[3], (double[][]) a[4], (int[]) a[5]), args, tangents);
        double adjoint = GradCheck.inner(Arrays.copyOf(gradient, 4), direction);
        assertThat(adjoint).isCloseTo(numeric, within(1e-8 * Math.abs(numeric)));
    }

    @Test
    void trainingReachesAtLeast95PercentOnTheHeldOutImages() {
        Digits.Result r = Digits.train(20, Digits.SEED, false);
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.trainLoss()[19]).isLessThan(r.trainLoss()[0] / 5);
    }

    @Test
    void theLossCurveIsWrittenAsAPng(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("sub/loss.png");
        LossPlot.write(file, new double[] {1.0, 0.5, 0.3}, new double[] {1.1, 0.6, 0.45});
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight()).isEqualTo(440);
    }

    @Test
    void adamFindsTheMinimumOfAQuadratic() {
        double[] x = {3, -2};
        double[][] parameters = {x};
        Adam adam = new Adam(0.05, parameters);
        for (int t = 0; t < 2000; t++) {
            adam.step(parameters, new double[][] {{2 * (x[0] - 1), 20 * (x[1] + 0.5)}});
        }
        assertThat(x[0]).isCloseTo(1, within(1e-3));
        assertThat(x[1]).isCloseTo(-0.5, within(1e-3));
    }
}
