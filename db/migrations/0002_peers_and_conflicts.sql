CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`parent_id` text,
	`family_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_name_key_unique` ON `companies` (`name_key`);--> statement-breakpoint
CREATE INDEX `companies_family_idx` ON `companies` (`family_id`);--> statement-breakpoint
CREATE INDEX `companies_parent_idx` ON `companies` (`parent_id`);--> statement-breakpoint
CREATE TABLE `company_sector_codes` (
	`company_id` text NOT NULL,
	`code` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`company_id`, `code`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code`) REFERENCES `naics_codes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `company_codes_code_idx` ON `company_sector_codes` (`code`);--> statement-breakpoint
CREATE TABLE `conflict_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text NOT NULL,
	`target_id` text NOT NULL,
	`rules` text NOT NULL,
	`entry_point` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conflict_decisions_created_idx` ON `conflict_decisions` (`created_at`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`requester_id` text NOT NULL,
	`addressee_id` text NOT NULL,
	`pair_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`suspended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`responded_at` integer,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`addressee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_pair_key_unique` ON `connections` (`pair_key`);--> statement-breakpoint
CREATE INDEX `connections_requester_idx` ON `connections` (`requester_id`,`status`);--> statement-breakpoint
CREATE INDEX `connections_addressee_idx` ON `connections` (`addressee_id`,`status`);--> statement-breakpoint
CREATE TABLE `declared_competitors` (
	`user_id` text NOT NULL,
	`company_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `company_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `introduction_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`blocked_user_id` text,
	`blocked_company_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blocked_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blocked_company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intro_blocks_user_idx` ON `introduction_blocks` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `intro_blocks_unique` ON `introduction_blocks` (`user_id`,`blocked_user_id`,`blocked_company_id`);--> statement-breakpoint
CREATE TABLE `member_conflict_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`expires_at` integer,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conflict_keys_key_idx` ON `member_conflict_keys` (`key`,`user_id`);--> statement-breakpoint
CREATE TABLE `past_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`company_id` text NOT NULL,
	`title` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `past_roles_user_idx` ON `past_roles` (`user_id`);--> statement-breakpoint
CREATE INDEX `past_roles_company_idx` ON `past_roles` (`company_id`);--> statement-breakpoint
CREATE TABLE `policy_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`sector_level` integer DEFAULT 4 NOT NULL,
	`cooling_off_months` integer DEFAULT 12 NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- Existing profiles named their company in free text with one NAICS code: make each distinct
-- name a company (its own family) with that code as its primary one.
INSERT INTO `companies` (`id`, `name`, `name_key`, `family_id`)
SELECT 'cmp_' || lower(hex(randomblob(12))), min(trim(`company`)), lower(trim(`company`)), ''
FROM `member_profiles` GROUP BY lower(trim(`company`));--> statement-breakpoint
UPDATE `companies` SET `family_id` = `id` WHERE `family_id` = '';--> statement-breakpoint
INSERT OR IGNORE INTO `company_sector_codes` (`company_id`, `code`, `is_primary`)
SELECT c.`id`, min(p.`naics_code`), 1 FROM `member_profiles` p
JOIN `companies` c ON c.`name_key` = lower(trim(p.`company`)) GROUP BY c.`id`;--> statement-breakpoint
CREATE TABLE `__new_member_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`company_id` text NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`region` text NOT NULL,
	`time_zone` text NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`company_size` text,
	`business_model` text DEFAULT 'both' NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_member_profiles`("user_id", "title", "company_id", "region", "time_zone", "bio", "updated_at") SELECT p."user_id", p."title", c."id", p."region", p."time_zone", p."bio", p."updated_at" FROM `member_profiles` p JOIN `companies` c ON c."name_key" = lower(trim(p."company"));--> statement-breakpoint
DROP TABLE `member_profiles`;--> statement-breakpoint
ALTER TABLE `__new_member_profiles` RENAME TO `member_profiles`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `profiles_company_idx` ON `member_profiles` (`company_id`);--> statement-breakpoint
CREATE INDEX `profiles_region_idx` ON `member_profiles` (`region`);--> statement-breakpoint
INSERT INTO `policy_settings` (`id`) VALUES (1);
