/**
 * numpy's einsum — parsing, planned evaluation over BLAS, and transposition with respect to
 * one operand, from which every derivative rule in Cotangent is derived; internal except
 * where a class says otherwise, and no method accepts or returns {@code null} unless its
 * documentation says so.
 */
package dev.cotangent.einsum;
