CREATE TYPE "public"."notification_delay" AS ENUM('none', 'direct', 'one_hour', 'one_day', 'one_week');--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"timezone" text,
	"notification_on_day" boolean DEFAULT true NOT NULL,
	"notification_each_week" boolean DEFAULT false NOT NULL,
	"notification_before_event" boolean DEFAULT false NOT NULL,
	"notification_pending_participation" "notification_delay" DEFAULT 'one_day' NOT NULL,
	"notification_pending_membership" "notification_delay" DEFAULT 'one_day' NOT NULL,
	"group_notifications" "notification_delay" DEFAULT 'one_day' NOT NULL,
	"location_name" text,
	"location_range" integer,
	"location_geohash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;