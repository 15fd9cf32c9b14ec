CREATE TABLE "member_feeds" (
	"user_id" bigint NOT NULL,
	"column_id" text DEFAULT '' NOT NULL,
	"article_ids" bigint[] NOT NULL,
	"reasons" text[] NOT NULL,
	"params_hash" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_feeds_user_id_column_id_pk" PRIMARY KEY("user_id","column_id")
);
--> statement-breakpoint
ALTER TABLE "member_feeds" ADD CONSTRAINT "member_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;