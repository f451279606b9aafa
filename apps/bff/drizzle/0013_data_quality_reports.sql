CREATE TABLE "data_quality_reports" (
	"data_version" integer PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
