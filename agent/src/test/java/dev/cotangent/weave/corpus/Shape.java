package dev.cotangent.weave.corpus;

/** Interface dispatch in differentiated code: each implementation is differentiated through. */
interface Shape {

    double area(double scale);

    record Circle(double radius) implements Shape {
        @Override
        public double area(double scale) {
            return Math.PI * radius * radius * scale;
        }
    }

    record Rectangle(double width, double height) implements Shape {
        @Override
        public double area(double scale) {
            return width * height + scale;
        }
    }
}
