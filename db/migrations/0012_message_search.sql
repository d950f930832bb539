-- Full-text search over message bodies (external content: the text lives once, in `messages`).
-- A deleted message's body is emptied, which removes it from the index; hidden ones are filtered at query time.
CREATE VIRTUAL TABLE `message_search` USING fts5(
	`body`, content = 'messages', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `message_search_insert` AFTER INSERT ON `messages` BEGIN
	INSERT INTO `message_search` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_update` AFTER UPDATE OF `body` ON `messages` BEGIN
	INSERT INTO `message_search` (`message_search`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
	INSERT INTO `message_search` (rowid, `body`) VALUES (new.`id`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `message_search_delete` AFTER DELETE ON `messages` BEGIN
	INSERT INTO `message_search` (`message_search`, rowid, `body`) VALUES ('delete', old.`id`, old.`body`);
END;
