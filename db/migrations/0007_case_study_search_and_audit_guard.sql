-- Full-text search over case studies (every status; the library shows only what a reader may read).
CREATE VIEW `case_study_search_documents` AS
SELECT s.`id` AS `study_id`, s.`title`, s.`brand`, s.`summary`, s.`body`, s.`learnings`,
	coalesce((SELECT group_concat(replace(t.`tag`, '-', ' '), ' ') FROM `case_study_tags` t WHERE t.`study_id` = s.`id`), '') AS `tags`
FROM `case_studies` s;
--> statement-breakpoint
CREATE VIRTUAL TABLE `case_study_search` USING fts5(
	`study_id` UNINDEXED, `title`, `brand`, `summary`, `body`, `learnings`, `tags`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `case_study_search_insert` AFTER INSERT ON `case_studies` BEGIN
	INSERT INTO `case_study_search` SELECT * FROM `case_study_search_documents` WHERE `study_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `case_study_search_update` AFTER UPDATE OF `title`, `brand`, `summary`, `body`, `learnings` ON `case_studies` BEGIN
	DELETE FROM `case_study_search` WHERE `study_id` = old.`id`;
	INSERT INTO `case_study_search` SELECT * FROM `case_study_search_documents` WHERE `study_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `case_study_search_delete` AFTER DELETE ON `case_studies` BEGIN
	DELETE FROM `case_study_search` WHERE `study_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `case_study_search_tag_insert` AFTER INSERT ON `case_study_tags` BEGIN
	DELETE FROM `case_study_search` WHERE `study_id` = new.`study_id`;
	INSERT INTO `case_study_search` SELECT * FROM `case_study_search_documents` WHERE `study_id` = new.`study_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `case_study_search_tag_delete` AFTER DELETE ON `case_study_tags` BEGIN
	DELETE FROM `case_study_search` WHERE `study_id` = old.`study_id`;
	INSERT INTO `case_study_search` SELECT * FROM `case_study_search_documents` WHERE `study_id` = old.`study_id`;
END;
--> statement-breakpoint
-- The moderation audit log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER `moderation_audit_log_no_update` BEFORE UPDATE ON `moderation_audit_log` BEGIN
	SELECT RAISE(ABORT, 'moderation_audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `moderation_audit_log_no_delete` BEFORE DELETE ON `moderation_audit_log` BEGIN
	SELECT RAISE(ABORT, 'moderation_audit_log is append-only');
END;
--> statement-breakpoint
INSERT INTO `moderation_settings` (`id`) VALUES (1);
