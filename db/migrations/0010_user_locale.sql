-- The language a user last chose in the app, for what is sent to them outside it
-- (e-mail). Added in place: drizzle-kit would rebuild the users table for the
-- CHECK, which the column constraint here makes unnecessary.
ALTER TABLE `users` ADD `locale` text CONSTRAINT "users_locale_check" CHECK("locale" IS NULL OR "locale" IN ('vi', 'en'));
