CREATE TYPE "public"."delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('open', 'closed', 'resolved');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"inbox_url" text NOT NULL,
	"host" text NOT NULL,
	"ordering_key" text,
	"state" "delivery_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inbox_url" text NOT NULL,
	"activity_id" text,
	"activity_type" text,
	"status_code" integer,
	"reason" text NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_hosts" (
	"host" text PRIMARY KEY NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"open_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_activities" (
	"ap_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"actor_ap_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"domain" text PRIMARY KEY NOT NULL,
	"software" text,
	"software_version" text,
	"name" text,
	"description" text,
	"relay_actor_id" bigint,
	"nodeinfo_fetched_at" timestamp with time zone,
	"blocked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ap_id" text NOT NULL,
	"type" text NOT NULL,
	"actor_id" bigint NOT NULL,
	"json" jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"announcer_id" bigint NOT NULL,
	"object_ap_id" text NOT NULL,
	"event_id" bigint,
	"ap_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tombstones" (
	"ap_id" text PRIMARY KEY NOT NULL,
	"former_type" text NOT NULL,
	"actor_id" bigint,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_comments" (
	"report_id" bigint NOT NULL,
	"comment_id" bigint NOT NULL,
	CONSTRAINT "report_comments_report_id_comment_id_pk" PRIMARY KEY("report_id","comment_id")
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"report_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	CONSTRAINT "report_events_report_id_event_id_pk" PRIMARY KEY("report_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "report_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"moderator_id" bigint,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"ap_id" text NOT NULL,
	"reporter_id" bigint,
	"reported_id" bigint NOT NULL,
	"content" text,
	"status" "report_status" DEFAULT 'open' NOT NULL,
	"local" boolean DEFAULT true NOT NULL,
	"forward" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "remote_url" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_activity_id_outbox_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."outbox_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_relay_actor_id_actors_id_fk" FOREIGN KEY ("relay_actor_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_activities" ADD CONSTRAINT "outbox_activities_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_announcer_id_actors_id_fk" FOREIGN KEY ("announcer_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tombstones" ADD CONSTRAINT "tombstones_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_notes" ADD CONSTRAINT "report_notes_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_notes" ADD CONSTRAINT "report_notes_moderator_id_actors_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_id_actors_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reported_id_actors_id_fk" FOREIGN KEY ("reported_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_activity_inbox_idx" ON "deliveries" USING btree ("activity_id","inbox_url");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("inbox_url","ordering_key","id") WHERE "deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_host_idx" ON "deliveries" USING btree ("host","state");--> statement-breakpoint
CREATE INDEX "delivery_failures_failed_idx" ON "delivery_failures" USING btree ("failed_at");--> statement-breakpoint
CREATE INDEX "delivery_failures_inbox_idx" ON "delivery_failures" USING btree ("inbox_url");--> statement-breakpoint
CREATE INDEX "inbound_activities_received_idx" ON "inbound_activities" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "instances_blocked_idx" ON "instances" USING btree ("blocked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_activities_ap_id_idx" ON "outbox_activities" USING btree ("ap_id");--> statement-breakpoint
CREATE INDEX "outbox_activities_actor_idx" ON "outbox_activities" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_announcer_object_idx" ON "shares" USING btree ("announcer_id","object_ap_id");--> statement-breakpoint
CREATE INDEX "shares_event_idx" ON "shares" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "shares_object_idx" ON "shares" USING btree ("object_ap_id");--> statement-breakpoint
CREATE INDEX "tombstones_deleted_idx" ON "tombstones" USING btree ("deleted_at");--> statement-breakpoint
CREATE INDEX "report_comments_comment_idx" ON "report_comments" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "report_events_event_idx" ON "report_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "report_notes_report_idx" ON "report_notes" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_ap_id_idx" ON "reports" USING btree ("ap_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_uuid_idx" ON "reports" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reports_reported_idx" ON "reports" USING btree ("reported_id");--> statement-breakpoint
CREATE INDEX "actors_domain_idx" ON "actors" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "media_remote_url_idx" ON "media" USING btree ("remote_url");