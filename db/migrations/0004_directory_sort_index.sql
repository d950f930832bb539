-- The directory lists active members by name (case-insensitive) 20 at a time: this index lets
-- SQLite walk them in order and stop at the page instead of sorting everyone on each request.
CREATE INDEX `users_status_name_nocase_idx` ON `users` (`status`, `name` COLLATE NOCASE);
