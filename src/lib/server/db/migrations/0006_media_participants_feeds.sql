CREATE TYPE "public"."participant_role" AS ENUM('not_approved', 'not_confirmed', 'participant', 'moderator', 'administrator', 'creator', 'rejected');--> statement-breakpoint
CREATE TABLE "activity_settings" (
	"user_id" bigint NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_settings_user_id_key_method_pk" PRIMARY KEY("user_id","key","method")
);
--> statement-breakpoint
CREATE TABLE "feed_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"actor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"url" text NOT NULL,
	"name" text,
	"alt" text,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"blurhash" text,
	"actor_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"actor_id" bigint NOT NULL,
	"role" "participant_role" DEFAULT 'participant' NOT NULL,
	"ap_id" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "avatar_id" bigint;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "banner_id" bigint;--> statement-breakpoint
ALTER TABLE "activity_settings" ADD CONSTRAINT "activity_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_tokens" ADD CONSTRAINT "feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_tokens" ADD CONSTRAINT "feed_tokens_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_tokens_user_idx" ON "feed_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "feed_tokens_actor_idx" ON "feed_tokens" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_file_name_idx" ON "media" USING btree ("file_name");--> statement-breakpoint
CREATE INDEX "media_actor_idx" ON "media" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_event_actor_idx" ON "participants" USING btree ("event_id","actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_ap_id_idx" ON "participants" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "participants_actor_idx" ON "participants" USING btree ("actor_id","role");--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_avatar_id_media_id_fk" FOREIGN KEY ("avatar_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_banner_id_media_id_fk" FOREIGN KEY ("banner_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;