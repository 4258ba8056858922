import { describe, expect, it } from "vitest";
import { alignLayers, cleanCreatedBy, compareLayers, layerWarnings } from "@/lib/images/layers";

const layer = (n: number, size: number) => ({
  mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size,
});

describe("cleanCreatedBy", () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]'],
    ["/bin/sh -c apk add --no-cache curl", "RUN apk add --no-cache curl"],
    ["RUN /bin/sh -c make # buildkit", "RUN /bin/sh -c make"],
    ["|1 VERSION=2 /bin/sh -c ./build.sh", "RUN ./build.sh"],
    ["COPY . /app # buildkit", "COPY . /app"],
    [undefined, ""],
  ])("%s → %s", (raw, clean) => expect(cleanCreatedBy(raw)).toBe(clean));
});

describe("alignLayers", () => {
  it("puts empty_layer entries between the layers, in history order", () => {
    const steps = alignLayers(
      [layer(1, 300), layer(2, 100)],
      [
        { created_by: "ARG X", empty_layer: true },
        { created_by: "/bin/sh -c #(nop) ADD file:a in /" },
        { created_by: "/bin/sh -c #(nop)  ENV A=1", empty_layer: true },
        { created_by: "/bin/sh -c make" },
        { created_by: '/bin/sh -c #(nop)  CMD ["x"]', empty_layer: true },
      ],
    );
    expect(steps.map((s) => [s.kind, s.createdBy, s.size])).toEqual([
      ["metadata", "ARG X", 0],
      ["layer", "ADD file:a in /", 300],
      ["metadata", "ENV A=1", 0],
      ["layer", "RUN make", 100],
      ["metadata", 'CMD ["x"]', 0],
    ]);
    expect(steps.filter((s) => s.kind === "layer").map((s) => (s.kind === "layer" ? s.share : 0))).toEqual([
      0.75, 0.25,
    ]);
  });

  it("lists layers the history does not cover, and keeps surplus history as metadata", () => {
    expect(alignLayers([layer(1, 1), layer(2, 1)], [{ created_by: "one" }]).map((s) => [s.kind, s.createdBy])).toEqual([
      ["layer", "one"],
      ["layer", ""],
    ]);
    expect(alignLayers([layer(1, 1)], [{ created_by: "one" }, { created_by: "two" }]).map((s) => s.kind)).toEqual([
      "layer",
      "metadata",
    ]);
    expect(alignLayers([layer(1, 5)], undefined).map((s) => s.kind)).toEqual(["layer"]);
  });
});

describe("layerWarnings", () => {
  it("warns past 40 layers and when one layer holds 75% or more", () => {
    expect(layerWarnings(Array.from({ length: 40 }, (_, i) => layer(i, 10)))).toEqual([]);
    expect(layerWarnings(Array.from({ length: 41 }, (_, i) => layer(i, 10)))[0]).toContain("41 layers");
    expect(layerWarnings([layer(1, 74), layer(2, 26)])).toEqual([]);
    expect(layerWarnings([layer(1, 25), layer(2, 75)])).toEqual([
      "Layer 2 holds 75% of the image. That step is where the size comes from.",
    ]);
    expect(layerWarnings([layer(1, 100)])).toEqual([]);
  });
});

describe("compareLayers", () => {
  it("splits shared and own layers by digest and reports the delta", () => {
    const r = compareLayers([layer(1, 100), layer(2, 50)], [layer(1, 100), layer(3, 80)]);
    expect(r.shared.map((l) => l.size)).toEqual([100]);
    expect(r.onlyA.map((l) => l.size)).toEqual([50]);
    expect(r.onlyB.map((l) => l.size)).toEqual([80]);
    expect([r.sizeA, r.sizeB, r.delta, r.downloadForB]).toEqual([150, 180, 30, 80]);
  });
});
