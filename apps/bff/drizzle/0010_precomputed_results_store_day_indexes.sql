CREATE TABLE "precomputed_results" (
	"data_version" integer NOT NULL,
	"endpoint" text NOT NULL,
	"scope_key" text NOT NULL,
	"body" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "precomputed_results_data_version_endpoint_scope_key_pk" PRIMARY KEY("data_version","endpoint","scope_key")
);
--> statement-breakpoint
CREATE INDEX "customer_store_days_store_day_idx" ON "customer_store_days" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "orders_store_day_idx" ON "orders" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "product_store_days_store_day_idx" ON "product_store_days" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "store_day_mix_store_day_idx" ON "store_day_mix" USING btree ("store_id","day");