/** The {@code cotangent:weave} goal: ahead-of-time weaving of a project's compiled classes. */
package dev.cotangent.maven;
