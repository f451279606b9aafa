CREATE TABLE "customer_month_snapshots" (
	"month" date NOT NULL,
	"customer_id" text NOT NULL,
	"revenue_before" numeric(14, 2) NOT NULL,
	CONSTRAINT "customer_month_snapshots_month_customer_id_pk" PRIMARY KEY("month","customer_id")
);
--> statement-breakpoint
CREATE INDEX "customer_month_snapshots_customer_idx" ON "customer_month_snapshots" USING btree ("customer_id");