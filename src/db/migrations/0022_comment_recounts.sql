CREATE TABLE "comment_recounts" (
	"article_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comment_recounts" ADD CONSTRAINT "comment_recounts_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;