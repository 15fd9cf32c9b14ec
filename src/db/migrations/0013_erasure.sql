CREATE TABLE "erasure_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"steps" jsonb NOT NULL,
	"verification" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "retention_sweeps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "retention_sweeps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"tables" jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "erasure_receipts_user_idx" ON "erasure_receipts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "erasure_receipts_status_idx" ON "erasure_receipts" USING btree ("status");