CREATE TABLE "consent_chain_expiries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_chain_expiries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"records" bigint NOT NULL,
	"first_id" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"rule" text NOT NULL,
	"expired_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_subject_heads" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"last_id" bigint,
	"last_hash" text NOT NULL,
	"length" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_chain_head" ADD COLUMN "expired" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_chain_head" ADD COLUMN "expiries" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_chain_head" ADD COLUMN "expiry_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL;--> statement-breakpoint
CREATE INDEX "consent_chain_expiries_user_idx" ON "consent_chain_expiries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consent_records_chain_idx" ON "consent_records" USING btree ("user_id","id");