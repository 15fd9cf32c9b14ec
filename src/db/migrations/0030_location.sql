CREATE TABLE "member_regions" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"province" text NOT NULL,
	"city" text,
	"source" text DEFAULT 'device' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "member_regions" ADD CONSTRAINT "member_regions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_region_hot_idx" ON "articles" USING btree ("region","hot_score" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "articles"."status" = 'published' AND "articles"."region" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "articles_region_new_idx" ON "articles" USING btree ("region","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "articles"."status" = 'published' AND "articles"."region" IS NOT NULL;