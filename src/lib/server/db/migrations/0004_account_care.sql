ALTER TYPE "public"."account_token_purpose" ADD VALUE 'change_email';--> statement-breakpoint
ALTER TABLE "account_tokens" ADD COLUMN "new_email" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "deleted_at" timestamp with time zone;