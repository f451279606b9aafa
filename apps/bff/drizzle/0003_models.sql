CREATE TABLE "cluster_profiles" (
	"run_id" integer NOT NULL,
	"cluster" smallint NOT NULL,
	"customers" integer NOT NULL,
	"centroid" jsonb NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	CONSTRAINT "cluster_profiles_run_id_cluster_pk" PRIMARY KEY("run_id","cluster")
);
--> statement-breakpoint
CREATE TABLE "customer_clusters" (
	"run_id" integer NOT NULL,
	"customer_id" text NOT NULL,
	"cluster" smallint NOT NULL,
	CONSTRAINT "customer_clusters_run_id_customer_id_pk" PRIMARY KEY("run_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "customer_predictions" (
	"run_id" integer NOT NULL,
	"customer_id" text NOT NULL,
	"home_store_id" text NOT NULL,
	"fit_scope" text NOT NULL,
	"purchase_days" integer NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"repeat_spend" numeric(14, 2) NOT NULL,
	"p_active" double precision NOT NULL,
	"churn_risk" double precision NOT NULL,
	"risk_band" text NOT NULL,
	"expected30" double precision NOT NULL,
	"expected90" double precision NOT NULL,
	"expected365" double precision NOT NULL,
	"expected_spend" double precision NOT NULL,
	"predicted_value" double precision NOT NULL,
	CONSTRAINT "customer_predictions_run_id_customer_id_pk" PRIMARY KEY("run_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "model_fits" (
	"run_id" integer NOT NULL,
	"model" text NOT NULL,
	"fit_scope" text NOT NULL,
	"params" jsonb NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"observations" integer NOT NULL,
	"converged" boolean NOT NULL,
	"evaluations" integer NOT NULL,
	CONSTRAINT "model_fits_run_id_model_fit_scope_pk" PRIMARY KEY("run_id","model","fit_scope")
);
--> statement-breakpoint
CREATE TABLE "model_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"data_version" integer NOT NULL,
	"as_of_day" date,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"customers" integer DEFAULT 0 NOT NULL,
	"cluster_k" smallint,
	"cluster_silhouette" double precision
);
--> statement-breakpoint
CREATE INDEX "customer_predictions_band_idx" ON "customer_predictions" USING btree ("run_id","risk_band");