// `npm run db:migrate`: apply pending migrations (the server also does this at start-up).
import { databasePath, openDatabase } from "../app/models/db.server";

const db = openDatabase();
console.log(`Migrations applied to ${databasePath()}`);
db.$client.close();
