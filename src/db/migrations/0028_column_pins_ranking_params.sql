CREATE TABLE "column_pin_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "column_pin_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"column_id" text NOT NULL,
	"article_id" bigint,
	"action" text NOT NULL,
	"order" bigint[] NOT NULL,
	"staff_id" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "column_pins" (
	"column_id" text NOT NULL,
	"article_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"pinned_by" bigint,
	"pinned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "column_pins_column_id_article_id_pk" PRIMARY KEY("column_id","article_id")
);
--> statement-breakpoint
CREATE TABLE "ranking_param_changes" (
	"version" integer PRIMARY KEY NOT NULL,
	"staff_id" bigint NOT NULL,
	"action" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ranking_param_changes_reason" CHECK (length(trim("ranking_param_changes"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "ranking_params" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"override" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ranking_params_one_row" CHECK ("ranking_params"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "column_pin_events" ADD CONSTRAINT "column_pin_events_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "column_pins" ADD CONSTRAINT "column_pins_column_id_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."columns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "column_pins" ADD CONSTRAINT "column_pins_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "column_pins" ADD CONSTRAINT "column_pins_pinned_by_staff_users_id_fk" FOREIGN KEY ("pinned_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_param_changes" ADD CONSTRAINT "ranking_param_changes_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_params" ADD CONSTRAINT "ranking_params_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "column_pin_events_column_idx" ON "column_pin_events" USING btree ("column_id","id");--> statement-breakpoint
CREATE INDEX "column_pins_order_idx" ON "column_pins" USING btree ("column_id","position");