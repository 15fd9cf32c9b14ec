CREATE TABLE "consent_chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_id" bigint,
	"last_hash" text NOT NULL,
	"length" bigint NOT NULL,
	CONSTRAINT "consent_chain_head_single" CHECK ("consent_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"policy_version" text NOT NULL,
	"policy_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"ip_region" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"changed_purposes" text[] DEFAULT '{}'::text[] NOT NULL,
	"body_zh" text NOT NULL,
	"body_en" text NOT NULL,
	"content_hash" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"published_by" bigint
);
--> statement-breakpoint
CREATE TABLE "third_parties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "third_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"purpose_zh" text NOT NULL,
	"purpose_en" text NOT NULL,
	"data_zh" text NOT NULL,
	"data_en" text NOT NULL,
	"region" text NOT NULL,
	"policy_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_published_by_staff_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_user_idx" ON "consent_records" USING btree ("user_id","purpose","id");--> statement-breakpoint
CREATE INDEX "consent_records_purpose_idx" ON "consent_records" USING btree ("purpose","id");--> statement-breakpoint
CREATE INDEX "policy_versions_published_idx" ON "policy_versions" USING btree ("published_at");