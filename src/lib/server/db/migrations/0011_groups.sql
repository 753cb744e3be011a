CREATE TYPE "public"."group_openness" AS ENUM('invite_only', 'moderated', 'open');--> statement-breakpoint
CREATE TYPE "public"."group_activity_type" AS ENUM('event', 'post', 'discussion', 'resource', 'group', 'member');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('not_approved', 'invited', 'member', 'moderator', 'administrator', 'creator', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."post_visibility" AS ENUM('public', 'unlisted', 'private');--> statement-breakpoint
CREATE TABLE "discussions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"slug" text NOT NULL,
	"ap_id" text NOT NULL,
	"url" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"group_id" bigint NOT NULL,
	"creator_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"author_id" bigint,
	"type" "group_activity_type" NOT NULL,
	"subject" text NOT NULL,
	"subject_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"object_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"group_id" bigint NOT NULL,
	"actor_id" bigint NOT NULL,
	"role" "member_role" NOT NULL,
	"invited_by_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_tags" (
	"post_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	CONSTRAINT "post_tags_post_id_tag_id_pk" PRIMARY KEY("post_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"slug" text NOT NULL,
	"ap_id" text NOT NULL,
	"url" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"draft" boolean DEFAULT false NOT NULL,
	"visibility" "post_visibility" DEFAULT 'public' NOT NULL,
	"language" text DEFAULT 'und' NOT NULL,
	"group_id" bigint NOT NULL,
	"author_id" bigint,
	"picture_id" bigint,
	"publish_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"resource_url" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"path" text NOT NULL,
	"group_id" bigint NOT NULL,
	"parent_id" bigint,
	"creator_id" bigint,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "todo_lists" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"group_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "todos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"due_date" timestamp with time zone,
	"todo_list_id" bigint NOT NULL,
	"creator_id" bigint,
	"assigned_to_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "openness" "group_openness" DEFAULT 'invite_only' NOT NULL;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "physical_address_id" bigint;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "members_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "resources_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "posts_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "events_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "todos_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "discussions_url" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "member_count" integer;--> statement-breakpoint
ALTER TABLE "follows" ADD COLUMN "notify" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "discussion_id" bigint;--> statement-breakpoint
ALTER TABLE "discussions" ADD CONSTRAINT "discussions_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussions" ADD CONSTRAINT "discussions_creator_id_actors_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_activities" ADD CONSTRAINT "group_activities_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_activities" ADD CONSTRAINT "group_activities_author_id_actors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_invited_by_id_actors_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_tags" ADD CONSTRAINT "post_tags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_tags" ADD CONSTRAINT "post_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_actors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_picture_id_media_id_fk" FOREIGN KEY ("picture_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_parent_id_resources_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_creator_id_actors_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todo_lists" ADD CONSTRAINT "todo_lists_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_todo_list_id_todo_lists_id_fk" FOREIGN KEY ("todo_list_id") REFERENCES "public"."todo_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_creator_id_actors_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "todos" ADD CONSTRAINT "todos_assigned_to_id_actors_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "discussions_uuid_idx" ON "discussions" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "discussions_slug_idx" ON "discussions" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "discussions_ap_id_idx" ON "discussions" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "discussions_group_idx" ON "discussions" USING btree ("group_id","updated_at");--> statement-breakpoint
CREATE INDEX "group_activities_group_idx" ON "group_activities" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "group_activities_group_type_idx" ON "group_activities" USING btree ("group_id","type","created_at");--> statement-breakpoint
CREATE INDEX "group_activities_author_idx" ON "group_activities" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_group_actor_idx" ON "members" USING btree ("group_id","actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_uuid_idx" ON "members" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "members_ap_id_idx" ON "members" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "members_actor_idx" ON "members" USING btree ("actor_id","role");--> statement-breakpoint
CREATE INDEX "members_group_role_idx" ON "members" USING btree ("group_id","role");--> statement-breakpoint
CREATE INDEX "post_tags_tag_idx" ON "post_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_uuid_idx" ON "posts" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_slug_idx" ON "posts" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_ap_id_idx" ON "posts" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "posts_group_idx" ON "posts" USING btree ("group_id","publish_at");--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "posts_picture_idx" ON "posts" USING btree ("picture_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_uuid_idx" ON "resources" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_ap_id_idx" ON "resources" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "resources_group_parent_idx" ON "resources" USING btree ("group_id","parent_id");--> statement-breakpoint
CREATE INDEX "resources_group_path_idx" ON "resources" USING btree ("group_id","path");--> statement-breakpoint
CREATE INDEX "resources_parent_idx" ON "resources" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "todo_lists_uuid_idx" ON "todo_lists" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "todo_lists_ap_id_idx" ON "todo_lists" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "todo_lists_group_idx" ON "todo_lists" USING btree ("group_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "todos_uuid_idx" ON "todos" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "todos_ap_id_idx" ON "todos" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "todos_list_idx" ON "todos" USING btree ("todo_list_id","created_at");--> statement-breakpoint
CREATE INDEX "todos_assigned_idx" ON "todos" USING btree ("assigned_to_id");--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_physical_address_id_addresses_id_fk" FOREIGN KEY ("physical_address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "public"."discussions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_attributed_to_idx" ON "events" USING btree ("attributed_to_id","begins_on");--> statement-breakpoint
CREATE INDEX "comments_discussion_idx" ON "comments" USING btree ("discussion_id","published_at");