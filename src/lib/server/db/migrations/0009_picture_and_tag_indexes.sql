CREATE INDEX "events_picture_idx" ON "events" USING btree ("picture_id");--> statement-breakpoint
CREATE INDEX "tags_slug_pattern_idx" ON "tags" USING btree ("slug" text_pattern_ops);