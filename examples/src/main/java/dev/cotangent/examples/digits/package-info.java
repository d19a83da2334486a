/** A two-layer network for handwritten digits, trained with Adam on gradients woven from a plain Java loss. */
package dev.cotangent.examples.digits;
