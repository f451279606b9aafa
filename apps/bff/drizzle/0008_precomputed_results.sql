CREATE TABLE "precomputed_results" (
	"data_version" integer NOT NULL,
	"endpoint" text NOT NULL,
	"scope_key" text NOT NULL,
	"body" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "precomputed_results_data_version_endpoint_scope_key_pk" PRIMARY KEY("data_version","endpoint","scope_key")
);
