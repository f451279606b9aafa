CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"phase" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer,
	"bytes_total" bigint DEFAULT 0 NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quality" jsonb,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"data_version" integer
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"entity" text,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"raw" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_stage_customers" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"phone" text,
	"member_id" text,
	"email" text,
	"name" text,
	"gender" text,
	"birth_year" smallint,
	"registered_at" timestamp with time zone,
	"member_level" text,
	"points" integer,
	"balance" numeric(14, 2)
);
--> statement-breakpoint
CREATE TABLE "import_stage_events" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"session_id" text NOT NULL,
	"event_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"store_id" text,
	"channel" text,
	"page" text,
	"duration_s" integer
);
--> statement-breakpoint
CREATE TABLE "import_stage_order_items" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"order_id" text NOT NULL,
	"product_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(14, 2),
	"amount" numeric(14, 2)
);
--> statement-breakpoint
CREATE TABLE "import_stage_orders" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"customer_id" text,
	"store_id" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"channel" text NOT NULL,
	"order_type" text,
	"amount" numeric(14, 2) NOT NULL,
	"discount" numeric(14, 2),
	"payment_method" text,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "import_stage_products" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"unit_price" numeric(14, 2)
);
--> statement-breakpoint
CREATE TABLE "import_stage_reservations" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"store_id" text NOT NULL,
	"reserved_for" timestamp with time zone NOT NULL,
	"party_size" smallint,
	"status" text,
	"created_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_stage_service_tickets" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"customer_id" text NOT NULL,
	"store_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"contact_type" text,
	"category" text,
	"resolution_minutes" integer,
	"nps" smallint
);
--> statement-breakpoint
CREATE TABLE "import_stage_stores" (
	"job_id" integer NOT NULL,
	"file_no" smallint NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"raw" text NOT NULL,
	"present" integer NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"province" text,
	"lat" double precision,
	"lng" double precision,
	"opened_on" date
);
--> statement-breakpoint
CREATE TABLE "import_sync_files" (
	"path" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mtime_ms" bigint NOT NULL,
	"job_id" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_rejects_job_idx" ON "import_rejects" USING btree ("job_id","file","line");