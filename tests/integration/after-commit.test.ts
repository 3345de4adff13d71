// The one hook for work that must wait for a commit (app/models/db.server.ts `afterCommit`),
// such as sending the e-mails a write queued: it runs once the outermost write transaction
// has committed, with its database, never when it rolls back, and refuses to be asked for
// outside a transaction.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { afterCommit, writeTransaction, type AppDatabase } from "../../app/models/db.server";
import { freshDatabase } from "../setup/database";

const count = (db: AppDatabase) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM committees`)!.n;

describe("afterCommit", () => {
  it("runs after the outermost write transaction commits, when its rows are there to read", () => {
    const db = freshDatabase();
    const before = count(db);
    const seen: number[] = [];
    writeTransaction(db, (tx) => {
      tx.run(sql`INSERT INTO committees (code, name, created_at, updated_at) VALUES ('BT', 'Ban thử', 0, 0)`);
      afterCommit((database) => seen.push(count(database)));
      // A write transaction inside another is part of it: its work waits for the outer commit.
      writeTransaction(db, () => afterCommit((database) => seen.push(count(database) * 10)));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([before + 1, (before + 1) * 10]);
  });

  it("never runs when the transaction rolls back", () => {
    const db = freshDatabase();
    const ran: string[] = [];
    expect(() =>
      writeTransaction(db, () => {
        afterCommit(() => ran.push("rolled back"));
        throw new Error("refused");
      }),
    ).toThrow("refused");
    writeTransaction(db, () => afterCommit(() => ran.push("committed")));
    expect(ran).toEqual(["committed"]);
  });

  it("is refused outside a write transaction", () => {
    expect(() => afterCommit(() => undefined)).toThrow(/outside a write transaction/);
  });
});
