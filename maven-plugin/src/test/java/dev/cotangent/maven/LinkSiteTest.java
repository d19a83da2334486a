package dev.cotangent.maven;

import dev.cotangent.runtime.Mode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.cotangent.maven.DirectoryWeaverTest.bytes;
import static dev.cotangent.maven.DirectoryWeaverTest.name;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LinkSite}: the derivatives woven code calls, read back from its class file. */
class LinkSiteTest {

    @Test
    void readsTheCallsOfWovenCode() throws IOException {
        String model = name(DirectoryWeaverTest.Model.class);
        byte[] woven = new DirectoryWeaver(name -> DirectoryWeaverTest.read(getClass().getClassLoader(), name))
                .weave(java.util.Map.of(model, bytes(DirectoryWeaverTest.Model.class))).woven().get(model);

        List<LinkSite> sites = LinkSite.in(woven);

        String helper = name(DirectoryWeaverTest.Helper.class);
        String shape = name(DirectoryWeaverTest.Shape.class);
        assertThat(sites).contains(
                new LinkSite(helper, "square", "(D)D", Mode.TANGENT, false, Mode.ALL),
                new LinkSite(helper, "square", "(D)D", Mode.FORWARD, false, Mode.ALL),
                new LinkSite(helper, "square", "(D)D", Mode.REVERSE, false, Mode.ALL),
                new LinkSite(shape, "area", "(D)D", Mode.TANGENT, true, Mode.ALL),
                new LinkSite(helper, "dot", "([D[D)D", Mode.TANGENT, false, ~1L),
                new LinkSite(helper, "dot", "([D[D)D", Mode.REVERSE, false, ~1L));
    }

    @Test
    void unwovenClassesHaveNone() throws IOException {
        assertThat(LinkSite.in(bytes(DirectoryWeaverTest.Model.class))).isEmpty();
    }
}
