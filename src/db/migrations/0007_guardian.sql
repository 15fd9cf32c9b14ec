CREATE TABLE "child_data_access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "child_data_access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"staff_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"what" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardian_consents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "guardian_consents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"decision" text NOT NULL,
	"guardian_phone_index" text NOT NULL,
	"guardian_phone_ciphertext" text,
	"notice_version" text NOT NULL,
	"notice_hash" text NOT NULL,
	"channel" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardian_requests" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"guardian_phone_ciphertext" text NOT NULL,
	"guardian_phone_index" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "birthday_ciphertext" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bio_ciphertext" text;--> statement-breakpoint
ALTER TABLE "child_data_access_log" ADD CONSTRAINT "child_data_access_log_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_data_access_log" ADD CONSTRAINT "child_data_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consents" ADD CONSTRAINT "guardian_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_requests" ADD CONSTRAINT "guardian_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_data_access_log_user_idx" ON "child_data_access_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "guardian_consents_user_idx" ON "guardian_consents" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "users_non_adult_idx" ON "users" USING btree ("id") WHERE "users"."age_group" <> 'adult';