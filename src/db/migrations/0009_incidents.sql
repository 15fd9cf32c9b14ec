CREATE TABLE "incident_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"via_guardian" boolean DEFAULT false NOT NULL,
	"sms_sent" boolean DEFAULT false NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"title" jsonb NOT NULL,
	"categories" jsonb NOT NULL,
	"cause" jsonb NOT NULL,
	"possible_harm" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"advice" jsonb NOT NULL,
	"contact" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone NOT NULL,
	"audience" text NOT NULL,
	"affected_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"notified_members" integer DEFAULT 0 NOT NULL,
	"notified_by_sms" integer DEFAULT 0 NOT NULL,
	"notified_guardians" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_status" (
	"id" integer PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"announced_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"message" jsonb,
	"ended_at" timestamp with time zone,
	"updated_by" bigint
);
--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_status" ADD CONSTRAINT "service_status_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_notices_once_idx" ON "incident_notices" USING btree ("incident_id","user_id");--> statement-breakpoint
CREATE INDEX "incident_notices_user_idx" ON "incident_notices" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_reference_idx" ON "incidents" USING btree ("reference");