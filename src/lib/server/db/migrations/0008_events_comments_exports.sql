CREATE TYPE "public"."comment_visibility" AS ENUM('public', 'unlisted', 'private', 'moderated', 'invite');--> statement-breakpoint
CREATE TYPE "public"."export_format" AS ENUM('csv', 'ods', 'pdf');--> statement-breakpoint
CREATE TYPE "public"."export_status" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "event_contacts" (
	"event_id" bigint NOT NULL,
	"actor_id" bigint NOT NULL,
	CONSTRAINT "event_contacts_event_id_actor_id_pk" PRIMARY KEY("event_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "event_tags" (
	"event_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	CONSTRAINT "event_tags_event_id_tag_id_pk" PRIMARY KEY("event_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"url" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"text" text,
	"language" text DEFAULT 'und' NOT NULL,
	"visibility" "comment_visibility" DEFAULT 'public' NOT NULL,
	"actor_id" bigint,
	"event_id" bigint,
	"conversation_id" bigint,
	"origin_comment_id" bigint,
	"in_reply_to_id" bigint,
	"is_announcement" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" bigint NOT NULL,
	"actor_id" bigint NOT NULL,
	"unread" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint,
	"origin_comment_id" bigint,
	"last_comment_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participant_exports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" "export_format" NOT NULL,
	"status" "export_status" DEFAULT 'pending' NOT NULL,
	"event_id" bigint NOT NULL,
	"requested_by_id" bigint,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "participants_event_actor_idx";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "metadata" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "picture_id" bigint;--> statement-breakpoint
ALTER TABLE "event_contacts" ADD CONSTRAINT "event_contacts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_contacts" ADD CONSTRAINT "event_contacts_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_origin_comment_id_comments_id_fk" FOREIGN KEY ("origin_comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_in_reply_to_id_comments_id_fk" FOREIGN KEY ("in_reply_to_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_origin_comment_id_comments_id_fk" FOREIGN KEY ("origin_comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_last_comment_id_comments_id_fk" FOREIGN KEY ("last_comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_exports" ADD CONSTRAINT "participant_exports_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_exports" ADD CONSTRAINT "participant_exports_requested_by_id_actors_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_contacts_actor_idx" ON "event_contacts" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "event_tags_tag_idx" ON "event_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_slug_idx" ON "tags" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "comments_uuid_idx" ON "comments" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "comments_ap_id_idx" ON "comments" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "comments_event_thread_idx" ON "comments" USING btree ("event_id","origin_comment_id","published_at");--> statement-breakpoint
CREATE INDEX "comments_origin_idx" ON "comments" USING btree ("origin_comment_id","published_at");--> statement-breakpoint
CREATE INDEX "comments_conversation_idx" ON "comments" USING btree ("conversation_id","published_at");--> statement-breakpoint
CREATE INDEX "comments_actor_idx" ON "comments" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_idx" ON "conversation_participants" USING btree ("conversation_id","actor_id");--> statement-breakpoint
CREATE INDEX "conversation_participants_actor_idx" ON "conversation_participants" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "conversations_event_idx" ON "conversations" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_exports_file_idx" ON "participant_exports" USING btree ("file_name");--> statement-breakpoint
CREATE INDEX "participant_exports_event_idx" ON "participant_exports" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "participant_exports_expires_idx" ON "participant_exports" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_picture_id_media_id_fk" FOREIGN KEY ("picture_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "participants_event_email_idx" ON "participants" USING btree ("event_id",lower("metadata" ->> 'email')) WHERE ("participants"."metadata" ->> 'email') is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "participants_event_actor_idx" ON "participants" USING btree ("event_id","actor_id") WHERE ("participants"."metadata" ->> 'email') is null;