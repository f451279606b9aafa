CREATE TABLE "session_paths" (
	"session_id" text PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"store_id" text,
	"customer_id" text NOT NULL,
	"steps" text[] NOT NULL,
	"step_count" integer NOT NULL,
	"converted" boolean NOT NULL
);
--> statement-breakpoint
CREATE INDEX "session_paths_day_store_idx" ON "session_paths" USING btree ("day","store_id");