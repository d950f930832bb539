ALTER TABLE `case_study_images` ADD `revision_id` text REFERENCES case_study_revisions(id) ON DELETE cascade;
