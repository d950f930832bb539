-- Full-text search over the directory: name, title, company, headline, bio and expertise tags.
-- Kept in step by triggers, so every write path (app, seed, admin edits) is indexed.
CREATE VIEW `member_search_documents` AS
SELECT p.`user_id`, u.`name`, p.`title`, c.`name` AS `company`, p.`headline`, p.`bio`,
	coalesce((SELECT group_concat(replace(t.`tag`, '-', ' '), ' ') FROM `expertise_tags` t WHERE t.`user_id` = p.`user_id`), '') AS `tags`
FROM `member_profiles` p
JOIN `users` u ON u.`id` = p.`user_id`
JOIN `companies` c ON c.`id` = p.`company_id`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `member_search` USING fts5(
	`user_id` UNINDEXED, `name`, `title`, `company`, `headline`, `bio`, `tags`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `member_search` SELECT * FROM `member_search_documents`;
--> statement-breakpoint
CREATE TRIGGER `member_search_profile_insert` AFTER INSERT ON `member_profiles` BEGIN
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` = new.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_profile_update` AFTER UPDATE ON `member_profiles` BEGIN
	DELETE FROM `member_search` WHERE `user_id` = old.`user_id`;
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` = new.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_profile_delete` AFTER DELETE ON `member_profiles` BEGIN
	DELETE FROM `member_search` WHERE `user_id` = old.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_user_rename` AFTER UPDATE OF `name` ON `users` BEGIN
	DELETE FROM `member_search` WHERE `user_id` = new.`id`;
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_company_rename` AFTER UPDATE OF `name` ON `companies` BEGIN
	DELETE FROM `member_search` WHERE `user_id` IN (SELECT `user_id` FROM `member_profiles` WHERE `company_id` = new.`id`);
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` IN (SELECT `user_id` FROM `member_profiles` WHERE `company_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_tag_insert` AFTER INSERT ON `expertise_tags` BEGIN
	DELETE FROM `member_search` WHERE `user_id` = new.`user_id`;
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` = new.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_search_tag_delete` AFTER DELETE ON `expertise_tags` BEGIN
	DELETE FROM `member_search` WHERE `user_id` = old.`user_id`;
	INSERT INTO `member_search` SELECT * FROM `member_search_documents` WHERE `user_id` = old.`user_id`;
END;
