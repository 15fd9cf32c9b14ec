CREATE TABLE "guardian_actions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "guardian_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"guardian_phone_index" text NOT NULL,
	"action" text NOT NULL,
	"what" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardian_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"guardian_phone_index" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "channel" text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "guardian_actions" ADD CONSTRAINT "guardian_actions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guardian_actions_user_idx" ON "guardian_actions" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "guardian_sessions_created_idx" ON "guardian_sessions" USING btree ("created_at");