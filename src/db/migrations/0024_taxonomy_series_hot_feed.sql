CREATE TABLE "article_series" (
	"article_id" bigint NOT NULL,
	"series_id" text NOT NULL,
	"hot_score" double precision,
	"published_at" timestamp with time zone,
	CONSTRAINT "article_series_article_id_series_id_pk" PRIMARY KEY("article_id","series_id")
);
--> statement-breakpoint
CREATE TABLE "model_series" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"class_tag_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_brands" ADD COLUMN "hot_score" double precision;--> statement-breakpoint
ALTER TABLE "article_brands" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "article_tags" ADD COLUMN "hot_score" double precision;--> statement-breakpoint
ALTER TABLE "article_tags" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "hot_score" double precision;--> statement-breakpoint
ALTER TABLE "article_series" ADD CONSTRAINT "article_series_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_series" ADD CONSTRAINT "article_series_series_id_model_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."model_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_series" ADD CONSTRAINT "model_series_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_series" ADD CONSTRAINT "model_series_class_tag_id_tags_id_fk" FOREIGN KEY ("class_tag_id") REFERENCES "public"."tags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_series_hot_feed_idx" ON "article_series" USING btree ("series_id","hot_score" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_series"."hot_score" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "article_series_new_feed_idx" ON "article_series" USING btree ("series_id","published_at" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_series"."published_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "model_series_brand_idx" ON "model_series" USING btree ("brand_id","position");--> statement-breakpoint
CREATE INDEX "article_brands_hot_feed_idx" ON "article_brands" USING btree ("brand_id","hot_score" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_brands"."hot_score" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "article_brands_new_feed_idx" ON "article_brands" USING btree ("brand_id","published_at" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_brands"."published_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "article_tags_hot_feed_idx" ON "article_tags" USING btree ("tag_id","hot_score" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_tags"."hot_score" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "article_tags_new_feed_idx" ON "article_tags" USING btree ("tag_id","published_at" DESC NULLS LAST,"article_id" DESC NULLS LAST) WHERE "article_tags"."published_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "articles_hot_feed_idx" ON "articles" USING btree ("hot_score" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "articles"."status" = 'published';--> statement-breakpoint
CREATE INDEX "articles_column_hot_feed_idx" ON "articles" USING btree ("column_id","hot_score" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "articles"."status" = 'published';