// The bench's Server-Timing (BENCH_TIMINGS=1): nothing recorded when off; when on, a
// request's reads add up and the header names each part, render only for a rendered page.
import { afterEach, describe, expect, it, vi } from "vitest";

async function serverTiming(on: boolean) {
  vi.resetModules();
  vi.stubEnv("BENCH_TIMINGS", on ? "1" : "");
  return import("./server-timing.server");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("server timings", () => {
  it("record nothing when off", async () => {
    const timing = await serverTiming(false);
    expect(timing.serverTimingsOn).toBe(false);
    expect(timing.timedRequest(() => timing.timedRead(() => 42))).toBe(42);
    expect(timing.timedRequest(() => timing.renderStarts({ rows: [] }))).toBeNull();
  });

  it("name the loaders, the reads computed meanwhile, and for a rendered page the render and its encoding", async () => {
    const timing = await serverTiming(true);
    const header = (rendered: boolean) =>
      timing.timedRequest(() => {
        expect(timing.timedRead(() => "answer")).toBe("answer");
        timing.timedRead(() => "another");
        return timing.renderStarts({ rows: [1, 2, 3] })!.finish(rendered);
      });
    expect(header(true)).toMatch(/^loaders;dur=[\d.]+, reads;dur=[\d.]+, render;dur=[\d.]+, encode;dur=[\d.]+$/);
    expect(header(false)).toMatch(/^loaders;dur=[\d.]+, reads;dur=[\d.]+$/);
    // Outside a request (a script, a test calling a loader) there is nothing to add to.
    expect(timing.renderStarts({})).toBeNull();
    expect(timing.timedRead(() => 1)).toBe(1);
  });
});
