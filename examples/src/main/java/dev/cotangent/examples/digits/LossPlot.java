package dev.cotangent.examples.digits;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The loss curves as a PNG, drawn with the JDK alone (headless AWT and ImageIO). */
final class LossPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color TEST = new Color(0xff7f0e);

    private LossPlot() {}

    /** Writes the training and test loss per epoch to {@code file}, creating its folder. */
    static void write(Path file, double[] train, double[] test) {
        System.setProperty("java.awt.headless", "true"); // no display needed, also on a server
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double max = 0;
        for (int i = 0; i < train.length; i++) {
            max = Math.max(max, Math.max(train[i], test[i]));
        }
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 5; k++) { // horizontal grid lines with their values
            double value = top * k / 5;
            int y = TOP + plotHeight - (int) Math.round(plotHeight * value / top);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.2f", value), LEFT - 40, y + 4);
        }
        int epochs = train.length;
        int xStep = Math.max(1, epochs / 10);
        for (int e = xStep; e <= epochs; e += xStep) {
            g.drawString(Integer.toString(e), x(e, epochs, plotWidth) - 6, TOP + plotHeight + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.drawString("epoch", LEFT + plotWidth / 2 - 15, HEIGHT - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("digits: mean cross-entropy per epoch", LEFT, TOP - 15);

        curve(g, train, top, plotWidth, plotHeight, TRAIN);
        curve(g, test, top, plotWidth, plotHeight, TEST);
        legend(g, LEFT + plotWidth - 150, TOP + 20);
        g.dispose();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void curve(Graphics2D g, double[] loss, double top, int plotWidth, int plotHeight, Color color) {
        Path2D.Double path = new Path2D.Double();
        for (int e = 0; e < loss.length; e++) {
            double x = x(e + 1, loss.length, plotWidth);
            double y = TOP + plotHeight - plotHeight * loss[e] / top;
            if (e == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(TRAIN);
        g.fillRect(x, y - 8, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString("training set", x + 24, y - 2);
        g.setColor(TEST);
        g.fillRect(x, y + 10, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString("held-out test set", x + 24, y + 16);
    }

    /** The pixel column of epoch {@code e} (1-based); a single epoch sits in the middle. */
    private static int x(int e, int epochs, int plotWidth) {
        return epochs == 1 ? LEFT + plotWidth / 2 : LEFT + (int) Math.round((double) (e - 1) * plotWidth / (epochs - 1));
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code v}. */
    private static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
