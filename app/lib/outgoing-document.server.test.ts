import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { outgoingDocument } from "./outgoing-document.server";

/** Renders `children` in a <div> through React's Node renderer and the outgoing stream: the bytes sent and the document kept. */
async function render(children: string[]): Promise<{ sent: Buffer; kept: string | null }> {
  let kept: string | null = null;
  const out = outgoingDocument((html) => (kept = html));
  const sent: Buffer[] = [];
  out.on("data", (chunk: Buffer) => sent.push(chunk));
  const done = new Promise((resolve) => out.on("end", resolve));
  const element = createElement(
    "div",
    null,
    children.map((text, i) => createElement("span", { key: i }, text)),
  );
  const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(out) });
  await done;
  return { sent: Buffer.concat(sent), kept };
}

const expected = (children: string[]) => `<div>${children.map((text) => `<span>${text}</span>`).join("")}</div>`;

describe("the outgoing document", () => {
  it("carries no NUL where a Vietnamese letter falls on React's 2 kB buffer boundary", async () => {
    // Short pieces of text, as a page has them, until "đ" (2 bytes) or "ọ" (3 bytes)
    // straddles the end of React's first 2,048-byte buffer for some padding.
    // (37 spans of 53 bytes fill 1,966 bytes; the padding moves the Vietnamese text across byte 2,048.)
    for (let pad = 0; pad < 90; pad += 1) {
      const children = [...Array.from({ length: 37 }, () => "a".repeat(40)), "b".repeat(pad), "chưa đọc thông báo"];
      const { sent, kept } = await render(children);
      expect(sent.includes(0), `pad ${pad}`).toBe(false);
      expect(sent.toString("utf8")).toBe(expected(children));
      expect(kept).toBe(expected(children));
    }
  });
});
