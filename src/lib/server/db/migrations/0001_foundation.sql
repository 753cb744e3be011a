CREATE TYPE "public"."user_role" AS ENUM('user', 'moderator', 'administrator');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('Person', 'Group', 'Application');--> statement-breakpoint
CREATE TYPE "public"."actor_visibility" AS ENUM('public', 'unlisted', 'private');--> statement-breakpoint
CREATE TYPE "public"."event_join_options" AS ENUM('free', 'restricted', 'invite', 'external');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('tentative', 'confirmed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."event_visibility" AS ENUM('public', 'unlisted', 'restricted', 'private');--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"family" text NOT NULL,
	"token_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" DEFAULT 'user' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"default_actor_id" bigint,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" "actor_type" NOT NULL,
	"preferred_username" text NOT NULL,
	"domain" text,
	"name" text,
	"summary" text,
	"ap_id" text NOT NULL,
	"url" text,
	"inbox_url" text,
	"shared_inbox_url" text,
	"outbox_url" text,
	"followers_url" text,
	"following_url" text,
	"user_id" bigint,
	"public_key_pem" text,
	"private_key_pem" text,
	"visibility" "actor_visibility" DEFAULT 'public' NOT NULL,
	"manually_approves_followers" boolean DEFAULT false NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"last_refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"follower_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"ap_id" text NOT NULL,
	"approved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"description" text,
	"street" text,
	"locality" text,
	"postal_code" text,
	"region" text,
	"country" text,
	"latitude" double precision,
	"longitude" double precision,
	"timezone" text,
	"origin_id" text,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"url" text NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"begins_on" timestamp with time zone NOT NULL,
	"ends_on" timestamp with time zone,
	"timezone" text,
	"status" "event_status" DEFAULT 'confirmed' NOT NULL,
	"visibility" "event_visibility" DEFAULT 'public' NOT NULL,
	"join_options" "event_join_options" DEFAULT 'free' NOT NULL,
	"external_participation_url" text,
	"draft" boolean DEFAULT false NOT NULL,
	"category" text DEFAULT 'MEETING' NOT NULL,
	"language" text DEFAULT 'und' NOT NULL,
	"online_address" text,
	"phone_address" text,
	"physical_address_id" bigint,
	"organizer_actor_id" bigint NOT NULL,
	"attributed_to_id" bigint,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_kv" (
	"key" text[] PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_follower_id_actors_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_target_id_actors_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_physical_address_id_addresses_id_fk" FOREIGN KEY ("physical_address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organizer_actor_id_actors_id_fk" FOREIGN KEY ("organizer_actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_attributed_to_id_actors_id_fk" FOREIGN KEY ("attributed_to_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_idx" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "actors_ap_id_idx" ON "actors" USING btree ("ap_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actors_username_domain_idx" ON "actors" USING btree (lower("preferred_username"),coalesce("domain", ''));--> statement-breakpoint
CREATE INDEX "actors_user_id_idx" ON "actors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_pair_idx" ON "follows" USING btree ("follower_id","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_ap_id_idx" ON "follows" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "follows_target_idx" ON "follows" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_url_idx" ON "addresses" USING btree ("url");--> statement-breakpoint
CREATE UNIQUE INDEX "events_uuid_idx" ON "events" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "events_ap_id_idx" ON "events" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "events_organizer_idx" ON "events" USING btree ("organizer_actor_id");--> statement-breakpoint
CREATE INDEX "events_begins_on_idx" ON "events" USING btree ("begins_on");--> statement-breakpoint
CREATE INDEX "domain_events_type_idx" ON "domain_events" USING btree ("type","occurred_at");--> statement-breakpoint
CREATE INDEX "federation_kv_expires_idx" ON "federation_kv" USING btree ("expires_at");